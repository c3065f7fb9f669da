package dev.palo.model.multimodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.Constants;
import dev.palo.model.PaloConfig;
import dev.palo.model.lm.CausalLm;
import dev.palo.model.lora.LoraConfig;
import dev.palo.model.lora.LoraLayers;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.projector.Projector;
import dev.palo.model.projector.Projectors;
import dev.palo.model.vision.VisionTower;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;

/**
 * A PALO/LLaVA model: CLIP-style vision tower, projector and Llama-style LM, or the LM alone.
 *
 * <p>Training forward: {@link #forward} takes
 * <ul>
 *   <li>{@code inputIds} int64 [B, T]; at most one {@link Constants#IMAGE_TOKEN_INDEX} per sample,
 *       which is replaced by that sample's N image tokens;
 *   <li>{@code labels} int64 [B, T] or null;
 *   <li>{@code attentionMask} [B, T], 1 for real tokens (right or left padding), or null for all real;
 *   <li>{@code images} float32 [B, C, S, S] or null; row b belongs to sample b and is ignored when
 *       sample b has no placeholder (CLIP normalisation is the caller's);
 * </ul>
 * and returns logits [B, T', V] with T' = max over samples of (T − 1 + N) or T, the labels spliced
 * to match (IGNORE_INDEX over image tokens and added padding), and the spliced attention mask.
 * Logits at position t predict the token at t + 1: the caller shifts and computes the loss.
 *
 * <p>Memory: results belong to the manager of {@code inputIds}; pass inputs attached to a
 * per-step sub-manager. Parameters live in a sub-manager of the one given to {@link #create},
 * closed by {@link #close()}.
 *
 * <p>Device: parameters are created on the given manager's device; nothing here names one, so
 * {@code NDManager.newBaseManager()} gives DJL's default (a GPU when a CUDA native is present,
 * else the CPU).
 */
public final class PaloModel implements AutoCloseable {
    private final NDManager manager;
    private final CausalLm languageModel;
    private final VisionTower visionTower;
    private final Projector projector;
    private final ParameterFactory loraFactory;
    private PaloConfig config;
    private LoraLayers lora;

    private PaloModel(NDManager manager, PaloConfig config, long seed) {
        this.manager = manager;
        this.config = config;
        // one independent stream per part, split in a fixed order, so each part's values depend
        // only on the seed — including LoRA, whether enabled at creation or later
        SplittableRandom root = new SplittableRandom(seed);
        ParameterFactory visionFactory = new ParameterFactory(manager, root.split());
        ParameterFactory projectorFactory = new ParameterFactory(manager, root.split());
        ParameterFactory lmFactory = new ParameterFactory(manager, root.split());
        this.loraFactory = new ParameterFactory(manager, root.split());
        this.languageModel = new CausalLm(lmFactory, config.textConfig());
        if (config.isMultimodal()) {
            this.visionTower = new VisionTower(visionFactory, config.visionConfig());
            this.projector = Projectors.create(projectorFactory, config.mmProjectorType(),
                    config.visionConfig().hiddenSize(), config.textConfig().hiddenSize());
            projector.outputTokens(visionTower.featureTokens(config.featureSelection()));
        } else {
            this.visionTower = null;
            this.projector = null;
        }
    }

    /** Builds the model with parameters drawn deterministically from {@code seed}. */
    public static PaloModel create(NDManager manager, PaloConfig config, long seed) {
        NDManager own = manager.newSubManager();
        try {
            PaloModel model = new PaloModel(own, config.withLora(null), seed);
            if (config.loraConfig() != null) {
                model.enableLora(config.loraConfig());
            }
            return model;
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** The current architecture, including the LoRA config once enabled. */
    public PaloConfig config() {
        return config;
    }

    public CausalLm languageModel() {
        return languageModel;
    }

    /** The vision tower, or null for a text-only model. */
    public VisionTower visionTower() {
        return visionTower;
    }

    /** The projector, or null for a text-only model. */
    public Projector projector() {
        return projector;
    }

    /** The attached LoRA adapters, or null. */
    public LoraLayers lora() {
        return lora;
    }

    /** Tokens one image contributes to the LM sequence (0 for a text-only model). */
    public int imageTokens() {
        return projector == null ? 0 : projector.outputTokens(visionTower.featureTokens(config.featureSelection()));
    }

    /**
     * All parameters under HF/LLaVA names, in a stable order: LM ({@code model.*}, {@code lm_head}),
     * then {@code model.mm_projector.*}, then {@code model.vision_tower.vision_tower.*}.
     */
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> named = new LinkedHashMap<>();
        languageModel.collectParameters("", named);
        if (projector != null) {
            projector.collectParameters("model.mm_projector.", named);
            visionTower.collectParameters("model.vision_tower.vision_tower.", named);
        }
        return named;
    }

    /** Attaches LoRA adapters (B = 0, so outputs are unchanged) to every LM linear except lm_head. */
    public void enableLora(LoraConfig loraConfig) {
        if (lora != null) {
            throw new IllegalStateException("LoRA is already enabled with " + config.loraConfig());
        }
        lora = LoraLayers.attach(languageModel, loraConfig, loraFactory);
        config = config.withLora(loraConfig);
    }

    /** Folds the adapters into the base weights (outside a GradientCollector). */
    public void mergeLora() {
        requireLora().merge();
    }

    /** Subtracts the adapters from the base weights again. */
    public void unmergeLora() {
        requireLora().unmerge();
    }

    /** See the class comment for shapes and the meaning of each argument. */
    public ForwardResult forward(
            ParameterStore ps,
            NDArray inputIds,
            NDArray labels,
            NDArray attentionMask,
            NDArray images,
            boolean training) {
        MultimodalInputs inputs = prepareInputs(ps, inputIds, labels, attentionMask, images, training);
        NDArray logits = languageModel.forward(ps, inputs.embeds(), inputs.attentionMask(), null, training);
        return new ForwardResult(logits, inputs.labels(), inputs.attentionMask());
    }

    /** Embeds the ids and splices in the image features (the first half of {@link #forward}). */
    public MultimodalInputs prepareInputs(
            ParameterStore ps,
            NDArray inputIds,
            NDArray labels,
            NDArray attentionMask,
            NDArray images,
            boolean training) {
        Shape shape = inputIds.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("input ids must be [B, T], got " + shape);
        }
        int batch = (int) shape.get(0);
        int length = (int) shape.get(1);
        long[][] ids = rows(inputIds, "input ids", batch, length);
        long[][] labelRows = labels == null ? null : rows(labels, "labels", batch, length);
        long[][] mask = attentionMask == null ? ones(batch, length) : rows(attentionMask, "attention mask", batch, length);
        int[] placeholder = placeholders(ids);
        NDManager stepManager = inputIds.getManager();
        long[] textIds = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                // any valid id will do: the placeholder's embedding is cut out again
                textIds[b * length + t] = ids[b][t] == Constants.IMAGE_TOKEN_INDEX ? 0 : ids[b][t];
            }
        }
        NDArray textEmbeds = languageModel.embed(ps, stepManager.create(textIds, shape), training);
        int[] featureRow = new int[batch];
        NDArray features = imageFeatures(ps, placeholder, featureRow, images, batch, training);
        return ImageSplicer.splice(textEmbeds, labelRows, mask, placeholder, features, featureRow);
    }

    @Override
    public void close() {
        manager.close();
    }

    private LoraLayers requireLora() {
        if (lora == null) {
            throw new IllegalStateException("LoRA is not enabled on this model");
        }
        return lora;
    }

    /** Projected features [K, N, hidden] for the K samples with a placeholder, or null if none. */
    private NDArray imageFeatures(
            ParameterStore ps, int[] placeholder, int[] featureRow, NDArray images, int batch, boolean training) {
        long[] withImage = java.util.stream.IntStream.range(0, batch)
                .filter(b -> placeholder[b] >= 0)
                .asLongStream()
                .toArray();
        if (withImage.length == 0) {
            return null;
        }
        if (visionTower == null) {
            throw new IllegalArgumentException("input ids contain an image placeholder but the model is text-only");
        }
        if (images == null || images.getShape().dimension() != 4 || images.getShape().get(0) != batch) {
            throw new IllegalArgumentException("samples with an image placeholder need images [" + batch
                    + ", C, S, S], got " + (images == null ? "null" : images.getShape()));
        }
        for (int k = 0; k < withImage.length; k++) {
            featureRow[(int) withImage[k]] = k;
        }
        NDArray selected = withImage.length == batch ? images : images.get(images.getManager().create(withImage));
        NDArray visual = visionTower.features(
                ps, selected, config.mmVisionSelectLayer(), config.featureSelection(), training);
        return projector.forward(ps, visual, training);
    }

    private static int[] placeholders(long[][] ids) {
        int[] placeholder = new int[ids.length];
        for (int b = 0; b < ids.length; b++) {
            placeholder[b] = -1;
            for (int t = 0; t < ids[b].length; t++) {
                if (ids[b][t] == Constants.IMAGE_TOKEN_INDEX) {
                    if (placeholder[b] >= 0) {
                        throw new IllegalArgumentException("sample " + b + " has more than one image placeholder ("
                                + Constants.IMAGE_TOKEN_INDEX + "); one image per sample is supported");
                    }
                    placeholder[b] = t;
                }
            }
        }
        return placeholder;
    }

    private static long[][] rows(NDArray array, String what, int batch, int length) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2 || shape.get(0) != batch || shape.get(1) != length) {
            throw new IllegalArgumentException(what + " must be [" + batch + ", " + length + "] like the input ids, got "
                    + shape);
        }
        long[] flat = array.toType(DataType.INT64, false).toLongArray();
        long[][] rows = new long[batch][];
        for (int b = 0; b < batch; b++) {
            rows[b] = Arrays.copyOfRange(flat, b * length, (b + 1) * length);
        }
        return rows;
    }

    private static long[][] ones(int batch, int length) {
        long[][] rows = new long[batch][length];
        for (long[] row : rows) {
            Arrays.fill(row, 1);
        }
        return rows;
    }
}
