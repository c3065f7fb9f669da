package dev.palo.data.mini.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchContext;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.text.Category;
import dev.palo.data.mini.text.Dialogue;
import dev.palo.data.mini.text.DialoguePlanner;
import dev.palo.data.mini.text.Exchange;
import dev.palo.data.mini.world.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * PALO-mini's LLaVA-Bench: 24 held-out scenes and 60 single-turn questions, 24 conversation (one per image),
 * 16 detailed description (images 1–16) and 20 complex reasoning (images 1–20), with gold reference answers and
 * the detailed description as each image's context caption, in every language.
 */
public final class MiniBench {

    public static final int IMAGES = 24;
    public static final int DETAIL_IMAGES = 16;
    public static final int COMPLEX_IMAGES = 20;
    /** Answers and contexts record which generator wrote them, as LLaVA-Bench records {@code gpt4}. */
    public static final String MODEL_ID = "palo-mini-gold";
    /** Extra context field naming the scene, so hold-out can be checked from the files alone. */
    public static final String SCENE_FIELD = "scene";
    /**
     * Extra context field naming the bench a context belongs to where it is not the test bench ({@code validation}),
     * so that a report made from it can say so. The test bench has none and keeps its bytes.
     */
    public static final String SPLIT_FIELD = "split";

    private final List<Scene> scenes;
    private final String split;
    private final List<Question> questions = new ArrayList<>();

    /** The test bench. */
    public MiniBench(List<Scene> scenes, SplittableRandom random) {
        this(scenes, random, null);
    }

    /**
     * Plans the questions once, so that every language asks the same thing. Scenes must support complex questions.
     * {@code split} names a bench other than the test bench in its contexts ({@link #SPLIT_FIELD}); null for the test
     * bench.
     */
    public MiniBench(List<Scene> scenes, SplittableRandom random, String split) {
        this.split = split;
        if (scenes.size() != IMAGES) {
            throw new IllegalArgumentException("the bench needs " + IMAGES + " scenes, got " + scenes.size());
        }
        this.scenes = List.copyOf(scenes);
        for (int image = 0; image < IMAGES; image++) {
            Scene scene = scenes.get(image);
            add(image, DialoguePlanner.conversation(scene, random));
            if (image < DETAIL_IMAGES) {
                add(image, DialoguePlanner.detail(scene));
            }
            if (image < COMPLEX_IMAGES) {
                int index = image;
                add(image, DialoguePlanner.complex(scene, random).orElseThrow(() -> new IllegalArgumentException(
                        "bench scene " + index + " supports no complex question: " + scene.signature())));
            }
        }
    }

    public static String imageName(int image) {
        return String.format("%03d.png", image + 1);
    }

    public int questionCount() {
        return questions.size();
    }

    /** The bench in one language; question ids are the same in every language. */
    public LanguageBench render(Renderer renderer) {
        List<BenchQuestion> benchQuestions = new ArrayList<>();
        List<BenchAnswer> answers = new ArrayList<>();
        for (int id = 0; id < questions.size(); id++) {
            Question question = questions.get(id);
            String text = renderer.text(question.exchange().question());
            benchQuestions.add(new BenchQuestion(id, imageName(question.image()), text, question.category().benchName()));
            answers.add(BenchAnswer.reference(id, text, renderer.text(question.exchange().answer()), MODEL_ID));
        }
        List<BenchContext> contexts = new ArrayList<>();
        for (int image = 0; image < IMAGES; image++) {
            Map<String, JsonNode> extra = new TreeMap<>(Map.of(SCENE_FIELD, TextNode.valueOf(scenes.get(image).signature())));
            if (split != null) {
                extra.put(SPLIT_FIELD, TextNode.valueOf(split));
            }
            contexts.add(new BenchContext(Integer.toString(image + 1), imageName(image),
                    renderer.text(DialoguePlanner.description(scenes.get(image))), extra));
        }
        return new LanguageBench(renderer.language(), benchQuestions, answers, contexts);
    }

    private void add(int image, Dialogue dialogue) {
        questions.add(new Question(image, dialogue.category(), dialogue.exchanges().get(0)));
    }

    private record Question(int image, Category category, Exchange exchange) {
    }
}
