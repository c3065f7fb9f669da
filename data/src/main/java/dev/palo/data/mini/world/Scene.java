package dev.palo.data.mini.world;

import java.util.List;
import java.util.stream.Collectors;

/** A picture of one to four objects, each in its own region. */
public record Scene(List<SceneObject> objects) {

    public Scene {
        objects = List.copyOf(objects);
        if (objects.isEmpty() || objects.size() > Region.values().length) {
            throw new IllegalArgumentException("a scene holds 1 to " + Region.values().length + " objects, got "
                    + objects.size());
        }
        if (objects.stream().map(SceneObject::region).distinct().count() != objects.size()) {
            throw new IllegalArgumentException("two objects of a scene share a region: " + objects);
        }
    }

    /**
     * What the scene shows regardless of object order and jitter: two scenes with equal signatures are the same
     * picture for every question PALO-mini can ask, which is what the bench holds out.
     */
    public String signature() {
        return objects.stream().map(SceneObject::signature).sorted().collect(Collectors.joining("|"));
    }

    /** The scene a {@link #signature()} describes (without jitter), as the bench's context files record it. */
    public static Scene parse(String signature) {
        return new Scene(java.util.Arrays.stream(signature.split("\\|")).map(SceneObject::parse).toList());
    }

    /** The objects whose shape no other object shares: the ones a question can name by shape alone. */
    public List<SceneObject> uniquelyShaped() {
        return objects.stream().filter(o -> objects.stream().filter(p -> p.shape() == o.shape()).count() == 1).toList();
    }

    public long count(ShapeKind shape) {
        return objects.stream().filter(o -> o.shape() == shape).count();
    }

    public long count(Colour colour) {
        return objects.stream().filter(o -> o.colour() == colour).count();
    }
}
