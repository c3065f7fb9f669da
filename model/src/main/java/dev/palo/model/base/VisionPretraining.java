package dev.palo.model.base;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.palo.model.PaloConfig;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.nn.Autograd;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.train.AdamW;
import dev.palo.model.train.CosineSchedule;
import dev.palo.model.train.DataOrder;
import dev.palo.model.train.ParameterGroup;
import dev.palo.model.train.TrainingStepLock;
import dev.palo.model.vision.VisionConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains a PaloModel's vision tower once, on images whose patch tokens are labelled with what they show and
 * where ({@link AttributeSlots}), through an {@link AttributeHead} over the very features the projector reads
 * later (the configured select layer, CLS dropped). Layers above that select layer never influence those
 * features, so they keep their initial values. Afterwards the tower is frozen (no parameter requires a gradient)
 * and the head is dropped.
 */
public final class VisionPretraining implements AutoCloseable {
    private static final String TOWER_PREFIX = "model.vision_tower.";

    private final PaloModel model;
    private final AttributeSlots slots;
    private final VisionRecipe recipe;
    private final int tokens;
    private final NDManager manager;
    private final AttributeHead head;
    private final LinkedHashMap<String, Parameter> tower;
    private final List<ParameterGroup> groups;
    private final AdamW optimizer;

    public VisionPretraining(PaloModel model, AttributeSlots slots, VisionRecipe recipe) {
        PaloConfig config = model.config();
        if (!config.isMultimodal()) {
            throw new IllegalArgumentException("vision pretraining needs a multimodal model; this one is text-only");
        }
        this.model = model;
        this.slots = slots;
        this.recipe = recipe;
        this.tokens = model.visionTower().featureTokens(config.featureSelection());
        this.tower = towerBelowSelectLayer(model);
        this.manager = NDManager.newBaseManager();
        this.head = new AttributeHead(new ParameterFactory(manager, new SplittableRandom(recipe.seed())),
                config.visionConfig().hiddenSize(), slots);
        LinkedHashMap<String, Parameter> headParameters = new LinkedHashMap<>();
        head.collectParameters("attribute_head.", headParameters);
        this.groups = List.of(new ParameterGroup("vision_tower", 1.0, 0.0, tower),
                new ParameterGroup("attribute_head", 1.0, 0.0, headParameters));
        groups.forEach(g -> g.parameters().values().forEach(p -> p.getArray().setRequiresGradient(true)));
        this.optimizer = new AdamW(manager, groups, 0.9f, 0.999f, 1e-8f);
    }

    /** Runs every step of the recipe, then freezes the whole tower. */
    public void train(VisionDataset data, Consumer<VisionStep> listener) {
        int total = recipe.totalSteps(data.size());
        CosineSchedule schedule = CosineSchedule.withWarmupRatio(total, VisionRecipe.WARMUP_RATIO);
        DataOrder order = new DataOrder(data.size(), recipe.seed(), 0, 0);
        for (int step = 0; step < total; step++) {
            List<Integer> indices = order.next(Math.min(recipe.batchSize(), data.size()));
            double lr = recipe.learningRate() * schedule.factor(step);
            int at = step;
            listener.accept(TrainingStepLock.run(() -> step(data, indices, at, total, lr)));
        }
        model.namedParameters().forEach((name, p) -> {
            if (name.startsWith(TOWER_PREFIX)) {
                p.getArray().setRequiresGradient(false);
            }
        });
    }

    /** Share of labelled tokens predicted right, per slot, on {@code data} (no gradient). */
    public double[] accuracy(VisionDataset data) {
        long[] correct = new long[slots.size()];
        long[] labelled = new long[slots.size()];
        for (int start = 0; start < data.size(); start += recipe.batchSize()) {
            List<Integer> indices = IntStream.range(start, Math.min(data.size(), start + recipe.batchSize()))
                    .boxed().toList();
            try (NDManager batch = manager.newSubManager()) {
                NDArray logits = logits(batch, data, indices, false);
                int[] labels = labels(data, indices);
                for (int s = 0; s < slots.size(); s++) {
                    long[] predicted = slotLogits(logits, s).argMax(-1).toLongArray();
                    for (int t = 0; t < predicted.length; t++) {
                        int label = labels[t * slots.size() + s];
                        if (label != AttributeSlots.IGNORE) {
                            labelled[s]++;
                            correct[s] += predicted[t] == label ? 1 : 0;
                        }
                    }
                }
            }
        }
        double[] accuracy = new double[slots.size()];
        for (int s = 0; s < accuracy.length; s++) {
            accuracy[s] = labelled[s] == 0 ? Double.NaN : (double) correct[s] / labelled[s];
        }
        return accuracy;
    }

    private VisionStep step(VisionDataset data, List<Integer> indices, int step, int total, double lr) {
        Autograd.offForThisThread();
        try (NDManager stepManager = manager.newSubManager()) {
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss(logits(stepManager, data, indices, true), labels(data, indices), stepManager);
                collector.backward(value);
                loss = value.getFloat();
            }
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            double sumOfSquares = 0;
            for (ParameterGroup group : groups) {
                for (Map.Entry<String, Parameter> e : group.parameters().entrySet()) {
                    NDArray gradient = e.getValue().getArray().getGradient();
                    gradient.attach(stepManager);
                    gradients.put(e.getKey(), gradient);
                    sumOfSquares += gradient.square().sum().getFloat();
                }
            }
            double norm = Math.sqrt(sumOfSquares);
            boolean skipped = !Double.isFinite(norm) || !Double.isFinite(loss);
            if (!skipped) {
                optimizer.step(groups, gradients, lr, stepManager);
            }
            // assignment clears NaN and Inf too, so a skipped step leaves nothing behind
            gradients.values().forEach(g -> g.set(new NDIndex("..."), 0f));
            return new VisionStep(step, total, loss, lr, norm, skipped, indices.size());
        }
    }

    /** Logits [B, N, total classes] of the images at {@code indices}. */
    private NDArray logits(NDManager step, VisionDataset data, List<Integer> indices, boolean training) {
        VisionConfig vision = model.config().visionConfig();
        int size = vision.imageSize();
        int pixels = vision.numChannels() * size * size;
        float[] batch = new float[indices.size() * pixels];
        for (int b = 0; b < indices.size(); b++) {
            float[] image = data.image(indices.get(b));
            if (image.length != pixels) {
                throw new IllegalArgumentException("vision sample " + indices.get(b) + " has " + image.length
                        + " values, the tower needs " + vision.numChannels() + "x" + size + "x" + size + " = " + pixels);
            }
            System.arraycopy(image, 0, batch, b * pixels, pixels);
        }
        NDArray images = step.create(batch, new Shape(indices.size(), vision.numChannels(), size, size));
        ParameterStore ps = new ParameterStore(step, false);
        NDArray features = model.visionTower().features(ps, images, model.config().mmVisionSelectLayer(),
                model.config().featureSelection(), training);
        return head.forward(ps, features, training);
    }

    /** The batch's labels, token after token: B × N × slots. */
    private int[] labels(VisionDataset data, List<Integer> indices) {
        int perImage = tokens * slots.size();
        int[] labels = new int[indices.size() * perImage];
        for (int b = 0; b < indices.size(); b++) {
            int[] image = data.labels(indices.get(b));
            slots.check(image, tokens);
            System.arraycopy(image, 0, labels, b * perImage, perImage);
        }
        return labels;
    }

    /** Mean over slots of each slot's cross-entropy over the tokens that label it. */
    private NDArray loss(NDArray logits, int[] labels, NDManager step) {
        int rows = labels.length / slots.size();
        NDArray total = step.zeros(new Shape());
        for (int s = 0; s < slots.size(); s++) {
            long[] targets = new long[rows];
            float[] weights = new float[rows];
            int count = 0;
            for (int t = 0; t < rows; t++) {
                int label = labels[t * slots.size() + s];
                boolean labelled = label != AttributeSlots.IGNORE;
                targets[t] = labelled ? label : 0;
                weights[t] = labelled ? 1f : 0f;
                count += labelled ? 1 : 0;
            }
            NDArray picked = slotLogits(logits, s).logSoftmax(-1)
                    .gather(step.create(targets, new Shape(rows, 1)), -1).squeeze(-1);
            NDArray slotLoss = picked.mul(step.create(weights)).sum().neg().div(step.create((float) Math.max(1, count)));
            total = total.add(slotLoss);
        }
        return total.div(step.create((float) slots.size()));
    }

    /** Slot {@code slot}'s logits of every token, [B × N, classes]. */
    private NDArray slotLogits(NDArray logits, int slot) {
        int from = slots.offset(slot);
        return logits.get(new NDIndex(":, :, " + from + ":" + (from + slots.classes().get(slot))))
                .reshape(-1, slots.classes().get(slot));
    }

    /** The tower's parameters that can influence the selected features: everything but layers above it. */
    private static LinkedHashMap<String, Parameter> towerBelowSelectLayer(PaloModel model) {
        VisionConfig vision = model.config().visionConfig();
        int select = model.config().mmVisionSelectLayer();
        int layersRun = select < 0 ? vision.numHiddenLayers() + 1 + select : select;
        if (layersRun < 1) {
            throw new IllegalArgumentException("vision pretraining needs at least one encoder layer at or below"
                    + " mm_vision_select_layer " + select + " (the embeddings alone give the CLS token no path)");
        }
        LinkedHashMap<String, Parameter> below = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (name.startsWith(TOWER_PREFIX) && layerIndex(name) < layersRun) {
                below.put(name, p);
            }
        });
        return below;
    }

    /** The encoder layer a tower parameter belongs to, or -1 for embeddings and norms. */
    private static int layerIndex(String name) {
        String marker = ".encoder.layers.";
        int at = name.indexOf(marker);
        if (at < 0) {
            return -1;
        }
        int start = at + marker.length();
        return Integer.parseInt(name.substring(start, name.indexOf('.', start)));
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
