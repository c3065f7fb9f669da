package dev.palo.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palo.model.conversation.ConversationTemplate;
import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.conversation.ConversationTurn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SentencePiece models trained by the reference Python stack ({@code sentencepiece_reference.py}) on text in the ten
 * PALO languages, shaped as LLaMA's (BPE, byte fallback, identity normalisation), and what transformers'
 * {@code LlamaTokenizerFast} (converted from the model) and the slow SentencePiece {@code LlamaTokenizer} make of
 * sample texts.
 */
public final class SentencePieceReference {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** More of the same scenes, so that BPE has words to merge in every script. */
    private static final List<String> MORE = List.of(
            "The green triangle is above the small circle. What colour is the square?",
            "大的蓝色正方形在右边。圆是什么颜色？",
            "Le triangle vert est au-dessus du petit cercle. De quelle couleur est le carré?",
            "El triángulo verde está encima del círculo pequeño. ¿De qué color es el cuadrado?",
            "Зелёный треугольник находится над маленьким кругом. Какого цвета квадрат?",
            "緑の三角形は小さい円の上にあります。四角は何色ですか？",
            "المثلث الأخضر فوق الدائرة الصغيرة. ما لون المربع؟",
            "हरा त्रिभुज छोटे वृत्त के ऊपर है। वर्ग किस रंग का है?",
            "সবুজ ত্রিভুজটি ছোট বৃত্তের উপরে আছে। বর্গটি কোন রঙের?",
            "سبز مثلث چھوٹے دائرے کے اوپر ہے۔ مربع کس رنگ کا ہے؟");

    /**
     * Texts the training text lacks, with characters outside the vocabulary (byte fallback: an emoji, rare Han and
     * Arabic ligature characters, currency and digit signs), runs of spaces, a leading space, tabs and newlines.
     */
    private static final List<String> UNSEEN = List.of(
            "A yellow star 🙂 sits beside 42 purple hexagons.",
            "一只龘在右边，旁边有三个黄色的星星。",
            "Le château est très ancien — n'est-ce pas ? Œuvre n° 7.",
            "¡Qué bonito día! El ñandú corre 100 km.",
            "Жёлтая звезда справа, а ёж — слева.",
            "ひらがなとカタカナ、そして漢字。ｶﾀｶﾅ",
            "مرحبا بالعالم ٣٤٥ ﷺ",
            "नमस्ते दुनिया ॐ १२३",
            "আমার সোনার বাংলা ৳ ৫০",
            "خوش آمدید، یہ ۱۲ سرخ دائرے ہیں۔",
            "two  spaces,   three\tand a tab\nand a newline",
            " a leading space and a trailing one ");

    private SentencePieceReference() {
    }

    /** Every sample: the ten languages' sentences, the unseen texts, and vicuna_v1 conversations across them. */
    public static List<String> samples() {
        List<String> samples = new ArrayList<>(TenLanguageSentences.ALL);
        samples.addAll(UNSEEN);
        samples.addAll(conversations());
        return samples;
    }

    /** Five rounds across the ten languages, with characters outside the vocabulary. */
    public static List<ConversationTurn> turns() {
        List<ConversationTurn> turns = new ArrayList<>();
        for (int i = 0; i + 1 < TenLanguageSentences.ALL.size(); i += 2) {
            turns.add(ConversationTurn.human(UNSEEN.get(i) + " " + TenLanguageSentences.ALL.get(i)));
            turns.add(ConversationTurn.gpt(TenLanguageSentences.ALL.get(i + 1) + " " + UNSEEN.get(i + 1)));
        }
        return turns;
    }

    /**
     * The vicuna_v1 template as the platform renders {@link #turns()}: a generation prompt and the whole multi-turn
     * training text (the last, which {@code ConversationTemplate.tokenize} tokenizes).
     */
    public static List<String> conversations() {
        ConversationTemplate vicuna = ConversationTemplates.get("vicuna_v1");
        List<ConversationTurn> turns = turns();
        String prompt = vicuna.generationPrompt(turns.subList(0, 3));
        String training = vicuna.generationPrompt(turns.subList(0, turns.size() - 1)) + " "
                + turns.get(turns.size() - 1).value() + "</s>";
        return List.of(prompt, training);
    }

    /** Trains a {@code modelType} ("bpe", "unigram") SentencePiece model of about {@code vocab} pieces in {@code dir}. */
    public static Path train(String python, Path dir, String modelType, int vocab) throws IOException,
            InterruptedException {
        Path corpus = dir.resolveSibling(dir.getFileName() + "-corpus.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.addAll(TenLanguageSentences.ALL);
            lines.addAll(MORE);
        }
        Files.createDirectories(dir);
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        run(python, dir, "train", corpus.toString(), dir.toString(), modelType, Integer.toString(vocab));
        return dir.resolve(SentencePieceConversion.MODEL_FILE);
    }

    /** Writes {@code tokenizer_config.json} into {@code dir}: {@code legacy} as given (null: left out), and more. */
    public static ObjectNode config(Path dir, Boolean legacy) throws IOException {
        ObjectNode config = JSON.createObjectNode().put("tokenizer_class", "LlamaTokenizer")
                .put("add_bos_token", true).put("add_eos_token", false).put("clean_up_tokenization_spaces", false);
        if (legacy != null) {
            config.put("legacy", legacy);
        }
        writeConfig(dir, config);
        return config;
    }

    public static void writeConfig(Path dir, ObjectNode config) throws IOException {
        JSON.writeValue(dir.resolve(SentencePieceConversion.CONFIG_FILE).toFile(), config);
    }

    /**
     * transformers' encodings of {@code texts} from {@code dir} (tokenizer.model and tokenizer_config.json, no
     * tokenizer.json): per text {@code fast} and {@code slow} ids, {@code fast_decoded}, {@code slow_decoded},
     * {@code byte_pieces}; the fast tokenizer's own files are saved into {@code dir/transformers}.
     */
    public static JsonNode encode(String python, Path dir, List<String> texts) throws IOException,
            InterruptedException {
        Path textsFile = dir.resolveSibling(dir.getFileName() + "-texts.json");
        Path out = dir.resolveSibling(dir.getFileName() + "-encoded.json");
        JSON.writeValue(textsFile.toFile(), texts);
        run(python, dir, "encode", dir.toString(), textsFile.toString(), out.toString());
        JsonNode result = JSON.readTree(out.toFile());
        assertEquals(texts.size(), result.get("texts").size());
        return result;
    }

    private static void run(String python, Path dir, String... args) throws IOException, InterruptedException {
        Path script = dir.resolveSibling("sentencepiece_reference.py");
        if (!Files.exists(script)) {
            try (InputStream in = SentencePieceReference.class.getResourceAsStream("sentencepiece_reference.py")) {
                Files.copy(in, script);
            }
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "sentencepiece_reference.py " + args[0] + " did not finish");
        assertEquals(0, process.exitValue(), output);
    }

    /** A JSON array of token ids. */
    public static long[] ids(JsonNode ids) {
        long[] values = new long[ids.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ids.get(i).asLong();
        }
        return values;
    }
}
