package dev.palo.data.mini.world;

/**
 * One object of a scene. {@code jitterX}/{@code jitterY} move it a pixel or two inside its region so that images
 * of the same layout differ; they are not part of the scene's signature.
 */
public record SceneObject(ShapeKind shape, Colour colour, Size size, Region region, int jitterX, int jitterY) {

    /** The object as language and meaning see it: everything but the jitter. */
    public String signature() {
        return shape.key() + ":" + colour.key() + ":" + size.key() + ":" + region.key();
    }

    /** The object a {@link #signature()} describes, without jitter. */
    public static SceneObject parse(String signature) {
        String[] parts = signature.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("an object signature is shape:colour:size:region, got '" + signature + "'");
        }
        java.util.Locale root = java.util.Locale.ROOT;
        return new SceneObject(ShapeKind.valueOf(parts[0].toUpperCase(root)), Colour.valueOf(parts[1].toUpperCase(root)),
                Size.valueOf(parts[2].toUpperCase(root)), Region.valueOf(parts[3].toUpperCase(root)), 0, 0);
    }
}
