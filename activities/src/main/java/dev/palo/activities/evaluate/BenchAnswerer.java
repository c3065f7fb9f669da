package dev.palo.activities.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.palo.activities.training.ModelBundle;
import dev.palo.data.bench.BenchQuestion;
import dev.palo.model.conversation.ConversationTemplate;
import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.conversation.ConversationTurn;
import dev.palo.model.conversation.ImagePlaceholder;
import dev.palo.model.generate.GenerationConfig;
import dev.palo.model.generate.Generator;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.vision.ImagePreprocessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bundle's model answering bench questions as LLaVA's {@code model_vqa.py} does: the question
 * after {@code <image>\n} in a vicuna_v1 prompt, greedy decoding, the decoded reply stripped.
 * Questions are decoded in batches (right-padded; the generator re-packs them) with a KV cache.
 */
final class BenchAnswerer implements AutoCloseable {
    static final String TEMPLATE = "vicuna_v1";

    private final NDManager manager;
    private final PaloModel model;
    private final HuggingFaceTextTokenizer tokenizer;
    private final ConversationTemplate template = ConversationTemplates.get(TEMPLATE);
    private final ImagePreprocessor preprocessor;
    private final GenerationConfig decoding;

    /** One answer: the text and how many tokens were generated for it. */
    record Reply(String text, int newTokens) {
    }

    BenchAnswerer(Path bundle, int maxNewTokens) {
        this.manager = NDManager.newBaseManager();
        try {
            this.model = ModelBundle.loadModel(manager, bundle);
            this.tokenizer = ModelBundle.loadTokenizer(bundle);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        if (model.config().visionConfig() == null) {
            close();
            throw new IllegalArgumentException("the bench asks about images but the model in " + bundle
                    + " is text-only");
        }
        this.preprocessor = new ImagePreprocessor(model.config().visionConfig());
        this.decoding = GenerationConfig.greedy(maxNewTokens, tokenizer.eosId());
    }

    /** Replies to {@code questions} in order; {@code images} is the bench's image folder. */
    List<Reply> answer(List<BenchQuestion> questions, Path images) {
        List<long[]> prompts = questions.stream().map(this::promptIds).toList();
        int length = prompts.stream().mapToInt(ids -> ids.length).max().orElseThrow();
        long[] ids = new long[questions.size() * length];
        long[] mask = new long[ids.length];
        Arrays.fill(ids, tokenizer.padId());
        int pixels = 3 * preprocessor.imageSize() * preprocessor.imageSize();
        float[] imageBatch = new float[questions.size() * pixels];
        for (int b = 0; b < questions.size(); b++) {
            long[] prompt = prompts.get(b);
            System.arraycopy(prompt, 0, ids, b * length, prompt.length);
            Arrays.fill(mask, b * length, b * length + prompt.length, 1);
            float[] image = preprocessor.pixels(images.resolve(questions.get(b).image()));
            System.arraycopy(image, 0, imageBatch, b * pixels, pixels);
        }
        try (NDManager batch = manager.newSubManager()) {
            int size = preprocessor.imageSize();
            NDArray inputIds = batch.create(ids, new Shape(questions.size(), length));
            NDArray attention = batch.create(mask, new Shape(questions.size(), length));
            NDArray pixelArray = batch.create(imageBatch, new Shape(questions.size(), 3, size, size));
            List<long[]> generated = new Generator(model).generate(inputIds, attention, pixelArray, decoding);
            List<Reply> replies = new ArrayList<>(generated.size());
            for (long[] tokens : generated) {
                replies.add(new Reply(tokenizer.decode(withoutEos(tokens)).strip(), tokens.length));
            }
            return replies;
        }
    }

    private long[] promptIds(BenchQuestion question) {
        String prompt = template.generationPrompt(
                List.of(ConversationTurn.human(ImagePlaceholder.TOKEN + "\n" + question.text())));
        return ImagePlaceholder.tokenize(prompt, tokenizer);
    }

    private long[] withoutEos(long[] tokens) {
        return tokens.length > 0 && tokens[tokens.length - 1] == tokenizer.eosId()
                ? Arrays.copyOf(tokens, tokens.length - 1) : tokens;
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
        manager.close();
    }
}
