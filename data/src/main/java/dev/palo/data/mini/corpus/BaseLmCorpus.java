package dev.palo.data.mini.corpus;

import dev.palo.data.mini.grammar.Renderer;
import dev.palo.data.mini.text.Category;
import dev.palo.data.mini.text.Dialogue;
import dev.palo.data.mini.text.DialoguePlanner;
import dev.palo.data.mini.text.Exchange;
import dev.palo.data.mini.world.Scene;
import dev.palo.data.mini.world.SceneGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The base language model's text: one line per exchange (a question about a random scene and its answer, in chat
 * roles), each line in a language drawn to match the {@link LanguageMix} exactly, lines in random order. It knows the
 * world's words in English, a good deal in the high-resource languages and barely anything in the low-resource ones,
 * like Vicuna.
 */
public final class BaseLmCorpus {

    /** The chat roles a line's question and answer follow; the model's {@code vicuna_v1} template writes the same. */
    public static final String USER = "USER: ";
    public static final String ASSISTANT = " ASSISTANT: ";

    private BaseLmCorpus() {
    }

    /** Writes the corpus and returns the lines written per language. */
    public static Map<String, Integer> write(Path file, int lines, LanguageMix mix, Map<String, Renderer> renderers,
            SceneGenerator scenes, SplittableRandom random, LongConsumer progress) throws IOException {
        mix.requireExactly(renderers.keySet());
        Map<String, Integer> counts = mix.allocate(lines);
        counts.forEach((code, count) -> {
            if (count == 0 && mix.shares().get(code) > 0) {
                throw new IllegalArgumentException("the base-LM corpus of " + lines + " lines gives '" + code
                        + "' no line at its share " + mix.shares().get(code) + "; raise the share or the size");
            }
        });
        List<String> languages = LanguageMix.shuffled(counts, random);
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < languages.size(); i++) {
                out.write(line(renderers.get(languages.get(i)), scenes.next(), random));
                out.write('\n');
                progress.accept(i + 1);
            }
        }
        return counts;
    }

    /**
     * One exchange, question and answer in the line's language, in the roles of the chat template the fine-tune uses
     * (LLaVA's {@code vicuna_v1}: "USER: … ASSISTANT: …", without its system sentence, which would double every
     * line's length). The paper's base LM is Vicuna: LLaMA-2 tuned on ShareGPT conversations, in which a question in
     * Chinese is answered in Chinese. A corpus of lone questions and lone answers in random order never shows an
     * answer following a question in the same language, so no English-only fine-tune of it could keep answering in
     * the question's language; this one does, in the languages it has text of.
     */
    private static String line(Renderer renderer, Scene scene, SplittableRandom random) {
        Category category = Category.values()[random.nextInt(Category.values().length)];
        Dialogue dialogue = DialoguePlanner.plan(category, scene, random)
                .orElseGet(() -> DialoguePlanner.conversation(scene, random));
        Exchange exchange = dialogue.exchanges().get(random.nextInt(dialogue.exchanges().size()));
        return USER + renderer.text(exchange.question()) + ASSISTANT + renderer.text(exchange.answer());
    }
}
