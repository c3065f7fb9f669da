package dev.palo.data.mini.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Draws random scenes from one seeded stream, skipping any scene a filter rejects (the bench's held-out
 * signatures, or a bench requirement). Same seed and stream name, same scenes.
 */
public final class SceneGenerator {

    /** How far an object may move from its cell's centre, in pixels. */
    private static final int JITTER = 1;

    private final SplittableRandom random;
    private final int minObjects;
    private final Predicate<Scene> accept;

    public SceneGenerator(SplittableRandom random, int minObjects, Predicate<Scene> accept) {
        if (minObjects < 1 || minObjects > 4) {
            throw new IllegalArgumentException("minObjects must be 1 to 4, got " + minObjects);
        }
        this.random = random;
        this.minObjects = minObjects;
        this.accept = accept;
    }

    public Scene next() {
        while (true) {
            Scene scene = draw();
            if (accept.test(scene)) {
                return scene;
            }
        }
    }

    private Scene draw() {
        int count = minObjects + random.nextInt(4 - minObjects + 1);
        List<Region> regions = new ArrayList<>(Arrays.asList(Region.values()));
        Collections.shuffle(regions, new Random(random.nextLong()));
        List<SceneObject> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            objects.add(new SceneObject(pick(ShapeKind.values()), pick(Colour.values()), pick(Size.values()),
                    regions.get(i), random.nextInt(-JITTER, JITTER + 1), random.nextInt(-JITTER, JITTER + 1)));
        }
        return new Scene(objects);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
