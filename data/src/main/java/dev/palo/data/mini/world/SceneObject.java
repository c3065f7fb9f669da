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
}
