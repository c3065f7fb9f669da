package dev.palo.activities.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.dataset.DatasetIndex;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StoredDirectory;
import dev.palo.activities.support.LlavaSamples;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.lm.LmConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import dev.palo.model.vision.VisionConfig;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.DatasetArm;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Inputs of the training stages at a size that trains in seconds: a tiny multimodal base bundle
 * (16 px images, 1-layer ViT and LM, a BPE tokenizer trained on the fixtures' own text), caption
 * pairs and instructions about coloured squares, and their PNG images.
 */
public final class TrainingFixtures {
    public static final String IMAGE_PREFIX = "fixtures/images/";
    /** Records cycle through this many images, so that many records cost few uploads. */
    public static final int IMAGES = 8;
    static final List<String> COLOURS = List.of("red", "green", "blue", "yellow");
    private static final List<Color> PAINT = List.of(Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW);
    private static final VisionConfig VISION = new VisionConfig(16, 32, 1, 2, 16, 4, 3, 1e-5f);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "A chat between a curious user and an artificial intelligence assistant. "
            + "The assistant gives helpful, detailed, and polite answers to the user's questions.";

    private TrainingFixtures() {
    }

    /** The image of record {@code i}: one of {@link #IMAGES}. */
    public static String image(int i) {
        return "squares/" + (i % IMAGES) + ".png";
    }

    public static List<LlavaRecord> captions(int count) {
        List<LlavaRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(LlavaRecord.captionPair("caption-" + i, image(i), "Describe the image briefly.",
                    "a " + colour(i) + " square"));
        }
        return records;
    }

    public static List<LlavaRecord> instructions(int count) {
        List<LlavaRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(LlavaRecord.of("instruction-" + i, image(i), List.of(
                    Turn.human(Turn.IMAGE_TOKEN + "\nWhat colour is the square?"),
                    Turn.gpt("The square is " + colour(i) + "."))));
        }
        return records;
    }

    static String colour(int i) {
        return COLOURS.get(i % COLOURS.size());
    }

    /** A 16 px PNG filled with the colour of image {@code i}. */
    public static byte[] png(int i) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(PAINT.get(i % PAINT.size()));
        g.fillRect(2, 2, 12, 12);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Every fixture image under {@code prefix}. */
    public static void uploadImages(ObjectStore store, String prefix) throws IOException {
        for (int i = 0; i < IMAGES; i++) {
            store.put(prefix + image(i), png(i), "image/png", 0);
        }
    }

    /**
     * The fixture images under {@code root + "images-undisturbed/"} and {@code root + "images/"}: the image prefix
     * is part of a training stage's cache key, so an interrupted run trains instead of reusing the undisturbed
     * run's output.
     */
    public static void uploadImagesForTwoRuns(ObjectStore store, String root) throws IOException {
        uploadImages(store, root + "images-undisturbed/");
        uploadImages(store, root + "images/");
    }

    /** Records as a dataset-build output: shards of {@code shardSize} and the arm's {@code dataset.json}. */
    public static ArtifactRef uploadDataset(ObjectStore store, String keyPrefix, DatasetArm arm,
                                            List<LlavaRecord> records, int shardSize) throws IOException {
        List<ArtifactRef> shards = new ArrayList<>();
        for (int from = 0; from < records.size(); from += shardSize) {
            shards.add(uploadRecords(store, keyPrefix + "shard-" + shards.size() + ".json",
                    records.subList(from, Math.min(records.size(), from + shardSize))));
        }
        DatasetIndex index = new DatasetIndex(arm.code(), 7, shardSize, records.size(), shards, Map.of(), Map.of(),
                List.of(), "1");
        return store.put(keyPrefix + "dataset.json", JSON.writeValueAsBytes(index), "application/json",
                records.size());
    }

    public static ArtifactRef uploadRecords(ObjectStore store, String key, List<LlavaRecord> records)
            throws IOException {
        return store.put(key, LlavaSamples.json(records), "application/json", records.size());
    }

    /** The base bundle: random weights drawn from a fixed seed, so every call stores the same bytes. */
    public static ArtifactRef uploadBaseBundle(ObjectStore store, String keyPrefix, Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("base-bundle"));
        List<String> corpus = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) { // repeated: BPE merges a pair only if it occurs twice
            corpus.addAll(List.of(SYSTEM, "USER: ASSISTANT: What colour is the square?", "Describe the image briefly."));
            COLOURS.forEach(c -> corpus.add("a " + c + " square. The square is " + c + "."));
        }
        LlamaTokenizerJson.write(new BpeTrainer(600).train(corpus), dir.resolve(ModelBundle.TOKENIZER));
        int vocab;
        try (HuggingFaceTextTokenizer tokenizer = ModelBundle.loadTokenizer(dir)) {
            vocab = tokenizer.vocabSize();
        }
        PaloConfig config = new PaloConfig(VISION, "mlp2x_gelu",
                new LmConfig(vocab, 32, 64, 1, 2, 2, 256, 10000.0, 1e-5f, false), null,
                PaloConfig.DEFAULT_SELECT_LAYER, PaloConfig.DEFAULT_SELECT_FEATURE);
        try (NDManager manager = NDManager.newBaseManager(); PaloModel model = PaloModel.create(manager, config, 7)) {
            ModelCheckpoint.saveModel(model, dir);
        }
        return new StoredDirectory(store, work.resolve("upload-cache")).upload(keyPrefix, dir);
    }
}
