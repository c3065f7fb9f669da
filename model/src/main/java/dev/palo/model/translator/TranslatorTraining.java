package dev.palo.model.translator;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.palo.model.PaloConfig;
import dev.palo.model.checkpoint.ModelCheckpoint;
import dev.palo.model.checkpoint.NamedTensors;
import dev.palo.model.multimodal.PaloModel;
import dev.palo.model.nn.Autograd;
import dev.palo.model.train.StepResult;
import dev.palo.model.train.Trainer;
import dev.palo.model.train.TrainingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Trains a translator one optimizer step at a time, so a caller can heartbeat and checkpoint between steps:
 * {@link #start} trains a base translator from scratch (tokenizer, then every weight), {@link #tune} LoRA-tunes a
 * copy of a trained one (the base stays usable). {@link #saveState} + {@link #resume}/{@link #resumeTuning} continue
 * a run bit for bit: the model library's {@link Trainer} restores weights, moments, schedule and data position.
 * {@link #result()} hands over the trained translator; tuned adapters are merged into it first.
 */
public final class TranslatorTraining implements AutoCloseable {
    private final NDManager manager;
    private final PaloModel model;
    private final TranslatorTokenizer tokenizer;
    private final TranslatorMetadata metadata;
    private final Trainer trainer;
    private boolean handedOver;

    private TranslatorTraining(NDManager manager, PaloModel model, TranslatorTokenizer tokenizer,
                               TranslatorMetadata metadata, Trainer trainer) {
        this.manager = manager;
        this.model = model;
        this.tokenizer = tokenizer;
        this.metadata = metadata;
        this.trainer = trainer;
    }

    /** A base translator from scratch: trains the BPE on {@code pairs}, builds the model from the config's seed. */
    public static TranslatorTraining start(TranslatorConfig config, List<TranslationPair> pairs) {
        return base(config, pairs, TranslatorTokenizer.train(pairs, config.vocabSize()), null);
    }

    /** Continues a base training saved by {@link #saveState} in {@code stateDir}, with the same config and pairs. */
    public static TranslatorTraining resume(TranslatorConfig config, List<TranslationPair> pairs, Path stateDir) {
        return base(config, pairs, TranslatorTokenizer.load(stateDir.resolve(TranslatorTokenizer.FILE)), stateDir);
    }

    /** LoRA tuning of a copy of {@code base} on {@code pairs} (typically reviewed source → corrected translation). */
    public static TranslatorTraining tune(LocalTranslator base, TranslatorTuningConfig config, List<TranslationPair> pairs) {
        return tuned(base, config, pairs, null);
    }

    /** Continues a tuning saved by {@link #saveState}, from the same base, config and pairs. */
    public static TranslatorTraining resumeTuning(LocalTranslator base, TranslatorTuningConfig config,
                                                  List<TranslationPair> pairs, Path stateDir) {
        return tuned(base, config, pairs, stateDir);
    }

    public StepResult step() {
        requireOpen();
        Autograd.offForThisThread();
        return trainer.step();
    }

    public boolean finished() {
        return trainer.finished();
    }

    /** Steps done so far (the next step's index). */
    public int stepsDone() {
        return trainer.state().step();
    }

    public int totalSteps() {
        return trainer.state().totalSteps();
    }

    /**
     * Writes everything a resume needs: the trainer's state (weights, optimizer moments, trainer_state.json),
     * the tokenizer and translator.json.
     */
    public void saveState(Path dir) {
        requireOpen();
        trainer.saveState(dir);
        tokenizer.save(dir.resolve(TranslatorTokenizer.FILE));
        metadata.write(dir);
    }

    /** The trained translator, which the caller then owns and closes; this object is spent afterwards. */
    public LocalTranslator result() {
        requireOpen();
        if (!finished()) {
            throw new IllegalStateException("training has done " + stepsDone() + " of " + totalSteps() + " steps");
        }
        trainer.close();
        handedOver = true;
        if (model.config().loraConfig() == null) {
            return new LocalTranslator(manager, model, tokenizer, metadata);
        }
        NDManager merged = NDManager.newBaseManager();
        try {
            Autograd.offForThisThread();
            model.mergeLora();
            PaloModel plain = copyWithout(model, merged, ModelCheckpoint::isLoraTensor);
            return new LocalTranslator(merged, plain, tokenizer, metadata);
        } catch (RuntimeException e) {
            merged.close();
            tokenizer.close();
            throw e;
        } finally {
            manager.close();
        }
    }

    @Override
    public void close() {
        if (!handedOver) {
            handedOver = true;
            trainer.close();
            tokenizer.close();
            manager.close();
        }
    }

    private static TranslatorTraining base(TranslatorConfig config, List<TranslationPair> pairs,
                                           TranslatorTokenizer tokenizer, Path stateDir) {
        NDManager manager = NDManager.newBaseManager();
        try {
            TranslationSamples samples = new TranslationSamples(pairs, tokenizer, config);
            PaloModel model = PaloModel.create(manager, config.architecture(tokenizer.vocabSize()), config.seed());
            TranslatorMetadata metadata = new TranslatorMetadata(config, languages(pairs, List.of()), null);
            return new TranslatorTraining(manager, model, tokenizer, metadata,
                    trainer(model, config.training(), samples, tokenizer, stateDir));
        } catch (RuntimeException e) {
            tokenizer.close();
            manager.close();
            throw e;
        }
    }

    private static TranslatorTraining tuned(LocalTranslator base, TranslatorTuningConfig config,
                                            List<TranslationPair> pairs, Path stateDir) {
        NDManager manager = NDManager.newBaseManager();
        TranslatorTokenizer tokenizer = base.tokenizer().copy();
        try {
            TranslatorConfig baseConfig = base.metadata().config();
            TranslationSamples samples = new TranslationSamples(pairs, tokenizer, baseConfig);
            PaloModel model = copyWithout(base.model(), manager, name -> false);
            TranslatorMetadata metadata = new TranslatorMetadata(baseConfig, languages(pairs, base.languages()), config);
            return new TranslatorTraining(manager, model, tokenizer, metadata,
                    trainer(model, config.training(baseConfig.maxSequence()), samples, tokenizer, stateDir));
        } catch (RuntimeException e) {
            tokenizer.close();
            manager.close();
            throw e;
        }
    }

    private static Trainer trainer(PaloModel model, TrainingConfig config, TranslationSamples samples,
                                   TranslatorTokenizer tokenizer, Path stateDir) {
        return stateDir == null
                ? new Trainer(model, config, samples, tokenizer.padId())
                : Trainer.resume(model, config, samples, tokenizer.padId(), stateDir);
    }

    /** A new model in {@code manager} with the source's architecture (LoRA dropped) and its weights, less the skipped ones. */
    private static PaloModel copyWithout(PaloModel source, NDManager manager, Predicate<String> skip) {
        PaloConfig architecture = source.config().withLora(null);
        PaloModel copy = PaloModel.create(manager, architecture, 0);
        LinkedHashMap<String, Parameter> weights = new LinkedHashMap<>();
        source.namedParameters().forEach((name, parameter) -> {
            if (!skip.test(name)) {
                weights.put(name, parameter);
            }
        });
        NamedTensors.copyIntoParameters(copy.namedParameters(), NamedTensors.arraysOf(weights), "the trained translator");
        return copy;
    }

    private static List<String> languages(List<TranslationPair> pairs, List<String> known) {
        TreeSet<String> codes = new TreeSet<>(known);
        pairs.forEach(pair -> codes.add(pair.language()));
        return List.copyOf(codes);
    }

    private void requireOpen() {
        if (handedOver) {
            throw new IllegalStateException("this translator training is closed or its result was taken");
        }
    }
}
