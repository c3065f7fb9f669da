package dev.palo.data.mini.text;

import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.grammar.Intent;
import dev.palo.data.mini.grammar.Meaning;
import dev.palo.data.mini.grammar.Slot;
import dev.palo.data.mini.world.Colour;
import dev.palo.data.mini.world.Relation;
import dev.palo.data.mini.world.Scene;
import dev.palo.data.mini.world.SceneObject;
import dev.palo.data.mini.world.ShapeKind;
import dev.palo.data.mini.world.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Decides what is said about a scene: which questions a sample asks and what the true answers are, as meanings.
 * Only questions the scene answers unambiguously are asked (a shape is named only when it is unique, a relation
 * only between regions on one row or column).
 */
public final class DialoguePlanner {

    /** Most exchanges in one conversation sample, as in LLaVA's multi-turn conversations. */
    private static final int MAX_CONVERSATION_TURNS = 3;

    private DialoguePlanner() {
    }

    /** The sample's dialogue, or empty when the scene cannot support that category (complex needs two objects). */
    public static Optional<Dialogue> plan(Category category, Scene scene, SplittableRandom random) {
        return switch (category) {
            case CONV -> Optional.of(conversation(scene, random));
            case DETAIL -> Optional.of(detail(scene));
            case COMPLEX -> complex(scene, random);
        };
    }

    /** Two or three simple questions about colour, shape, count and position. */
    public static Dialogue conversation(Scene scene, SplittableRandom random) {
        List<Function<SplittableRandom, Exchange>> askable = new ArrayList<>();
        List<SceneObject> unique = scene.uniquelyShaped();
        if (!unique.isEmpty()) {
            askable.add(r -> askColour(pick(unique, r)));
            askable.add(r -> askWhere(pick(unique, r)));
        }
        askable.add(r -> askShapeAt(pick(scene.objects(), r)));
        askable.add(r -> askCount(scene, pick(scene.objects(), r).shape()));
        Collections.shuffle(askable, new Random(random.nextLong()));
        int turns = Math.min(askable.size(), 2 + random.nextInt(MAX_CONVERSATION_TURNS - 1));
        List<Exchange> exchanges = new ArrayList<>(turns);
        for (int i = 0; i < turns; i++) {
            exchanges.add(askable.get(i).apply(random));
        }
        return new Dialogue(Category.CONV, exchanges);
    }

    /** "Describe the picture in detail": how many shapes, then each object and where it is. */
    public static Dialogue detail(Scene scene) {
        return new Dialogue(Category.DETAIL, List.of(new Exchange(
                List.of(Meaning.of(Intent.ASK_DESCRIBE, Map.of())), description(scene))));
    }

    /** The full description of a scene, also the bench's context caption. */
    public static List<Meaning> description(Scene scene) {
        List<Meaning> sentences = new ArrayList<>();
        sentences.add(Meaning.of(Intent.TELL_COUNT, Map.of("s",
                new Slot(Grammar.SHAPE_NOUN, null, null, scene.objects().size(), null))));
        scene.objects().forEach(o -> sentences.add(Meaning.of(Intent.EXISTS_AT, Map.of("a", described(o)))));
        return sentences;
    }

    /** One reasoning question: a size comparison, a spatial relation, or a count under a colour condition. */
    public static Optional<Dialogue> complex(Scene scene, SplittableRandom random) {
        List<Exchange> options = new ArrayList<>();
        List<SceneObject> unique = scene.uniquelyShaped();
        for (SceneObject a : unique) {
            for (SceneObject b : unique) {
                if (a != b && a.size() == Size.BIG && b.size() == Size.SMALL) {
                    options.add(askBigger(a, b, random.nextBoolean()));
                }
                Optional<Relation> relation = a.region().relativeTo(b.region());
                if (a != b && relation.isPresent()) {
                    options.add(askRelation(a, b, relation.get()));
                }
            }
        }
        if (scene.objects().size() > 1) {
            options.add(askCountColour(scene, pick(scene.objects(), random).colour()));
        }
        return options.isEmpty() ? Optional.empty()
                : Optional.of(new Dialogue(Category.COMPLEX, List.of(pick(options, random))));
    }

    /** The pretraining caption: every object in one sentence. */
    public static Meaning caption(Scene scene) {
        List<Slot> objects = scene.objects().stream().map(DialoguePlanner::described).toList();
        return new Meaning(Intent.CAPTION, Map.of("all",
                new Slot(Grammar.SHAPE_NOUN, null, null, objects.size(), null)), objects, null);
    }

    private static Exchange askColour(SceneObject o) {
        return exchange(Intent.ASK_COLOUR, Intent.TELL_COLOUR, Map.of("a", described(o)));
    }

    private static Exchange askWhere(SceneObject o) {
        return exchange(Intent.ASK_WHERE, Intent.TELL_WHERE, Map.of("a", described(o)));
    }

    private static Exchange askShapeAt(SceneObject o) {
        return exchange(Intent.ASK_SHAPE_AT, Intent.EXISTS_AT, Map.of("a", described(o)));
    }

    private static Exchange askCount(Scene scene, ShapeKind shape) {
        return exchange(Intent.ASK_COUNT, Intent.TELL_COUNT,
                Map.of("s", new Slot(shape.key(), null, null, (int) scene.count(shape), null)));
    }

    private static Exchange askCountColour(Scene scene, Colour colour) {
        return exchange(Intent.ASK_COUNT, Intent.TELL_COUNT,
                Map.of("s", new Slot(Grammar.SHAPE_NOUN, colour.key(), null, (int) scene.count(colour), null)));
    }

    /** {@code bigger} is named first or second in the question at random; the answer always names it first. */
    private static Exchange askBigger(SceneObject bigger, SceneObject smaller, boolean biggerFirst) {
        Slot big = described(bigger);
        Slot small = described(smaller);
        return new Exchange(
                List.of(Meaning.of(Intent.ASK_BIGGER, biggerFirst ? Map.of("x", big, "y", small) : Map.of("x", small, "y", big))),
                List.of(Meaning.of(Intent.TELL_BIGGER, Map.of("a", big, "b", small))));
    }

    private static Exchange askRelation(SceneObject a, SceneObject b, Relation relation) {
        Map<String, Slot> slots = Map.of("a", described(a), "b", described(b));
        return new Exchange(List.of(Meaning.of(Intent.ASK_RELATION, slots)),
                List.of(new Meaning(Intent.TELL_RELATION, slots, List.of(), relation.key())));
    }

    private static Exchange exchange(Intent question, Intent answer, Map<String, Slot> slots) {
        return new Exchange(List.of(Meaning.of(question, slots)), List.of(Meaning.of(answer, slots)));
    }

    private static Slot described(SceneObject o) {
        return new Slot(o.shape().key(), o.colour().key(), o.size().key(), 1, o.region().key());
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
