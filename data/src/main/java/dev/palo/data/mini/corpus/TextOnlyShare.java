package dev.palo.data.mini.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.text.Category;
import dev.palo.data.mini.text.Dialogue;
import dev.palo.data.mini.text.DialoguePlanner;
import dev.palo.data.mini.text.Exchange;
import dev.palo.data.mini.world.Scene;
import dev.palo.data.mini.world.SceneGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The English instruction set's text-only conversations: the analogue of the ShareGPT conversations in LLaVA-1.5's
 * 665K mix, which hold no image and are not all in English. Each record is about a scene told in words where an image
 * would be (its description, then the question), every turn in one language drawn by the {@link LanguageMix}; a
 * question in Chinese is answered in Chinese. LLaVA's English-only model keeps answering in the question's language
 * partly through this share; an instruction set of image questions in English alone teaches "answer in English".
 *
 * <p>The records carry no {@code language} field, as ShareGPT's carry none in LLaVA's file: they belong to the English
 * set, which the pipeline neither translates nor scores, and they have no gold.
 */
public final class TextOnlyShare {

    /** The record field naming the scene the words describe, as the image records name theirs. */
    private final String sceneField;

    public TextOnlyShare(String sceneField) {
        this.sceneField = sceneField;
    }

    /**
     * Writes {@code count} records with ids {@code id.apply(0..count-1)} and returns the records written per language.
     */
    public Map<String, Integer> write(LlavaJsonWriter out, int count, LanguageMix mix, Map<String, Renderer> renderers,
            SceneGenerator scenes, SplittableRandom random, IntFunction<String> id) {
        mix.requireExactly(renderers.keySet());
        Map<String, Integer> counts = mix.allocate(count);
        List<String> languages = LanguageMix.shuffled(counts, random);
        for (int i = 0; i < languages.size(); i++) {
            Scene scene = scenes.next();
            Map<String, JsonNode> extra = Map.of(sceneField, TextNode.valueOf(scene.signature()));
            out.write(new LlavaRecord(id.apply(i), null, turns(renderers.get(languages.get(i)), scene, random), null,
                    Map.of(), null, null, extra));
        }
        return counts;
    }

    /**
     * A conversation or a reasoning question (never "describe it": the description is already in the prompt), the
     * scene's description opening the first turn where an image record has its placeholder.
     */
    private static List<Turn> turns(Renderer renderer, Scene scene, SplittableRandom random) {
        Category category = random.nextBoolean() ? Category.CONV : Category.COMPLEX;
        Dialogue dialogue = DialoguePlanner.plan(category, scene, random)
                .orElseGet(() -> DialoguePlanner.conversation(scene, random));
        List<Turn> turns = new ArrayList<>();
        for (Exchange exchange : dialogue.exchanges()) {
            String question = renderer.text(exchange.question());
            turns.add(Turn.human(turns.isEmpty()
                    ? renderer.text(DialoguePlanner.description(scene)) + "\n" + question : question));
            turns.add(Turn.gpt(renderer.text(exchange.answer())));
        }
        return turns;
    }
}
