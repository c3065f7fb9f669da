package dev.palo.activities.evaluate;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.training.ModelBundle;
import dev.palo.activities.training.TrainingFixtures;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchContext;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.bench.BenchWriter;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.bench.MiniBench;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.preset.Presets;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.workflows.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluate inputs that run in seconds: a hand-made bench (English and Urdu, coloured squares, the
 * three LLaVA-Bench categories in turn) and model bundles with random weights from a fixed seed.
 */
final class EvaluateFixtures {
    static final List<String> LANGUAGES = List.of("en", "ur");
    private static final List<String> CATEGORIES = List.of("conv", "detail", "complex");
    /** The colours of {@link TrainingFixtures#png} in its order, in English and Urdu. */
    private static final List<String> COLOURS = List.of("red", "green", "blue", "yellow");
    private static final List<String> URDU_COLOURS = List.of("سرخ", "ہرا", "نیلا", "پیلا");

    private EvaluateFixtures() {
    }

    /** {@code questions} questions per language about {@code images} images, stored as a directory. */
    static ArtifactRef uploadBench(ObjectStore store, String keyPrefix, Path work, int images, int questions)
            throws IOException {
        return uploadBench(store, keyPrefix, work, images, questions, null);
    }

    /** The same, its contexts naming {@code split} ({@link MiniBench#SPLIT_FIELD}) unless null. */
    static ArtifactRef uploadBench(ObjectStore store, String keyPrefix, Path work, int images, int questions,
                                   String split) throws IOException {
        Path root = Files.createDirectories(work.resolve(split == null ? "bench" : "bench-" + split));
        BenchWriter writer = new BenchWriter(root);
        for (int i = 0; i < images; i++) {
            writer.writeImage(imageName(i), TrainingFixtures.png(i));
        }
        for (String code : LANGUAGES) {
            List<BenchQuestion> asked = new ArrayList<>();
            List<BenchAnswer> gold = new ArrayList<>();
            List<BenchContext> contexts = new ArrayList<>();
            for (int q = 0; q < questions; q++) {
                int image = q % images;
                String question = code.equals("en") ? "What colour is square " + q + "?" : "مربع " + q + " کا رنگ کیا ہے؟";
                asked.add(new BenchQuestion(q, imageName(image), question, CATEGORIES.get(q % CATEGORIES.size())));
                gold.add(BenchAnswer.reference(q, question, answer(code, image), "gold"));
            }
            for (int i = 0; i < images; i++) {
                Map<String, JsonNode> extra = new TreeMap<>(Map.of(MiniBench.SCENE_FIELD, TextNode.valueOf(scene(i))));
                if (split != null) {
                    extra.put(MiniBench.SPLIT_FIELD, TextNode.valueOf(split));
                }
                contexts.add(new BenchContext(Integer.toString(i + 1), imageName(i), answer(code, i), extra));
            }
            writer.write(new LanguageBench(LanguageRegistry.palo().get(code), asked, gold, contexts));
        }
        return new StoredDirectory(store, work.resolve("upload-cache")).upload(keyPrefix, root);
    }

    /** The 16 px training fixtures' base bundle: builds and generates in milliseconds. */
    static ArtifactRef uploadTinyModel(ObjectStore store, String keyPrefix, Path work) throws IOException {
        return TrainingFixtures.uploadBaseBundle(store, keyPrefix, work);
    }

    /** The {@code mini} preset with random weights: slow enough per batch to be interrupted between batches. */
    static ArtifactRef uploadMiniModel(ObjectStore store, String keyPrefix, Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("mini-bundle"));
        List<String> corpus = new ArrayList<>(List.of("A chat between a curious user and an artificial intelligence "
                + "assistant. USER: ASSISTANT: What colour is the square?"));
        COLOURS.forEach(c -> corpus.add("The square is " + c + "."));
        corpus.addAll(URDU_COLOURS);
        LlamaTokenizerJson.write(new BpeTrainer(400).train(corpus), dir.resolve(ModelBundle.TOKENIZER));
        int vocab;
        try (HuggingFaceTextTokenizer tokenizer = ModelBundle.loadTokenizer(dir)) {
            vocab = tokenizer.vocabSize();
        }
        try (NDManager manager = NDManager.newBaseManager();
             PaloModel model = PaloModel.create(manager, Presets.MINI.withVocabSize(vocab), 11)) {
            ModelCheckpoint.saveModel(model, dir);
        }
        return new StoredDirectory(store, work.resolve("upload-cache")).upload(keyPrefix, dir);
    }

    static String answer(String code, int image) {
        String colour = COLOURS.get(image % COLOURS.size());
        return code.equals("en") ? "The square is " + colour + "."
                : "مربع " + URDU_COLOURS.get(image % URDU_COLOURS.size()) + " ہے۔";
    }

    /** The PALO-mini scene of image {@code image}, so that the content scorer can grade answers about it. */
    static String scene(int image) {
        return "square:" + COLOURS.get(image % COLOURS.size()) + ":big:centre";
    }

    private static String imageName(int image) {
        return String.format("%03d.png", image + 1);
    }
}
