package dev.palo.data.mini.read;

import dev.palo.data.mini.world.Scene;
import dev.palo.data.mini.world.SceneObject;
import dev.palo.data.mini.world.Size;
import java.util.function.Predicate;

/** Whether a {@link Fact} is true of a scene. Where a shape occurs twice, some object of that shape must fit. */
public final class SceneFacts {
    private SceneFacts() {
    }

    public static boolean holds(Fact fact, Scene scene) {
        return switch (fact.kind()) {
            case COLOUR -> any(scene, o -> is(o, fact.shape()) && o.colour().key().equals(fact.value()));
            case SIZE -> any(scene, o -> is(o, fact.shape()) && o.size().key().equals(fact.value()));
            case POSITION -> any(scene, o -> is(o, fact.shape()) && o.region().key().equals(fact.value()));
            case COUNT -> scene.objects().stream()
                    .filter(o -> fact.shape() == null || is(o, fact.shape()))
                    .filter(o -> fact.other() == null || o.colour().key().equals(fact.other()))
                    .count() == Integer.parseInt(fact.value());
            case BIGGER -> any(scene, o -> is(o, fact.shape()) && o.size() == Size.BIG)
                    && any(scene, o -> is(o, fact.other()) && o.size() == Size.SMALL);
            case RELATION -> scene.objects().stream().filter(a -> is(a, fact.shape())).anyMatch(a ->
                    scene.objects().stream().filter(b -> is(b, fact.other())).anyMatch(b -> a.region().relativeTo(b.region())
                            .map(r -> r.key().equals(fact.value())).orElse(false)));
        };
    }

    private static boolean any(Scene scene, Predicate<SceneObject> test) {
        return scene.objects().stream().anyMatch(test);
    }

    private static boolean is(SceneObject object, String shape) {
        return object.shape().key().equals(shape);
    }
}
