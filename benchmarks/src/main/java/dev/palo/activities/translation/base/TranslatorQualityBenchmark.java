package dev.palo.activities.translation.base;

import dev.palo.activities.translation.tune.LocalTuner;
import dev.palo.data.metric.ChrF;
import dev.palo.model.train.StepResult;
import dev.palo.model.translator.LocalTranslator;
import dev.palo.model.translator.TranslationPair;
import dev.palo.model.translator.TranslatorConfig;
import dev.palo.model.translator.TranslatorTraining;
import dev.palo.model.translator.TranslatorTuningConfig;
import dev.palo.workflows.translation.tune.LocalTune;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Does the translator fine-tune pay? Trains the base translator on a PALO-mini folder's whole translation seed
 * corpus (source → un-tuned target), then per language: translates the instruction turns of the translation set,
 * scores them against gold with chrF, LoRA-tunes a copy on the gold of a reviewed sample of conversations, and
 * scores again — on the conversations outside the sample (held out) and on all of them (what re-translation
 * produces). Prints wall times and tokens/s.
 *
 * <p>Usage: {@code TranslatorQualityBenchmark MINI_DIR [--languages fr,ru,ur] [--review 50] [--epochs E]
 * [--tune-epochs E] [--tune-lr LR] [--review-seed S] [--base DIR]} (review = conversations per language; with
 * {@code --base}, a translator saved there is loaded instead of trained, and a trained one is saved there). Set
 * DJL_OFFLINE=true, OPT_OUT_TRACKING=true and DJL_CACHE_DIR as for every DJL main.
 */
public final class TranslatorQualityBenchmark {

    private TranslatorQualityBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: TranslatorQualityBenchmark MINI_DIR [--languages fr,ru,ur] "
                    + "[--review N] [--epochs E] [--tune-epochs E] [--tune-lr LR] [--review-seed S]");
        }
        Path mini = Path.of(args[0]);
        List<String> languages = List.of(option(args, "--languages", "fr,ru,ur").split(","));
        int review = Integer.parseInt(option(args, "--review", "50"));
        long reviewSeed = Long.parseLong(option(args, "--review-seed", "11"));
        TranslatorConfig defaults = TranslatorConfig.defaults();
        TranslatorConfig config = defaults.withTraining(defaults.learningRate(),
                Double.parseDouble(option(args, "--epochs", String.valueOf(defaults.epochs()))), defaults.batchSize());
        TranslatorTuningConfig tuningDefaults = LocalTuner.tuningConfig(LocalTune.defaults());
        TranslatorTuningConfig tuning = tuningDefaults.withTraining(
                Double.parseDouble(option(args, "--tune-lr", String.valueOf(tuningDefaults.learningRate()))),
                Double.parseDouble(option(args, "--tune-epochs", String.valueOf(tuningDefaults.epochs()))),
                tuningDefaults.batchSize());

        String baseDir = option(args, "--base", null);
        try (LocalTranslator base = base(mini, config, baseDir == null ? null : Path.of(baseDir))) {
            System.out.printf("parameters: %d%n", base.parameterCount());
            System.out.println("language | review pairs | untuned chrF held-out | tuned chrF held-out | untuned all | tuned all"
                    + " | tune s | translate s | tokens/s");
            for (String language : languages) {
                compare(base, tuning, InstructionTurns.read(mini, language), review, reviewSeed);
            }
        }
    }

    private static void compare(LocalTranslator base, TranslatorTuningConfig tuning, InstructionTurns turns, int review,
                                long seed) {
        List<InstructionTurns.Conversation> shuffled = new ArrayList<>(turns.conversations());
        Collections.shuffle(shuffled, new Random(seed));
        List<InstructionTurns.Conversation> reviewed = shuffled.subList(0, Math.min(review, shuffled.size()));
        List<InstructionTurns.Conversation> heldOut = shuffled.subList(reviewed.size(), shuffled.size());
        List<TranslationPair> corrections = new ArrayList<>();
        reviewed.forEach(c -> {
            for (int i = 0; i < c.sources().size(); i++) {
                corrections.add(new TranslationPair(turns.language(), c.sources().get(i), c.gold().get(i)));
            }
        });
        List<String> allSources = flatten(turns.conversations(), true);
        List<String> allGold = flatten(turns.conversations(), false);
        List<String> heldSources = flatten(heldOut, true);
        List<String> heldGold = flatten(heldOut, false);

        long start = System.nanoTime();
        LocalTranslator.Translations untuned = base.translateCounting(allSources, turns.language());
        double translateSeconds = seconds(start);
        double untunedHeld = ChrF.corpus(base.translate(heldSources, turns.language()), heldGold);
        start = System.nanoTime();
        try (LocalTranslator tuned = train(TranslatorTraining.tune(base, tuning, corrections), turns.language())) {
            double tuneSeconds = seconds(start);
            double tunedHeld = ChrF.corpus(tuned.translate(heldSources, turns.language()), heldGold);
            List<String> tunedAll = tuned.translate(allSources, turns.language());
            System.out.printf("%s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f%n", turns.language(),
                    corrections.size(), untunedHeld, tunedHeld, ChrF.corpus(untuned.translations(), allGold),
                    ChrF.corpus(tunedAll, allGold), tuneSeconds, translateSeconds,
                    untuned.generatedTokens() / translateSeconds);
            for (int i = 0; i < 3 && i < heldSources.size(); i++) {
                System.out.printf("   src: %s%n   gold: %s%n   tuned: %s%n", heldSources.get(i), heldGold.get(i),
                        tuned.translate(List.of(heldSources.get(i)), turns.language()).get(0));
            }
        }
    }

    /** The base translator: loaded from {@code saved} when it holds one, else trained (and saved there if given). */
    private static LocalTranslator base(Path mini, TranslatorConfig config, Path saved) {
        if (saved != null && Files.isRegularFile(saved.resolve("translator.json"))) {
            System.out.println("base translator loaded from " + saved);
            return LocalTranslator.load(saved);
        }
        List<TranslationPair> seeds = seedPairs(mini.resolve("translation-seed"));
        System.out.printf("base translator: %d seed pairs, %s%n", seeds.size(), config);
        LocalTranslator base = train(TranslatorTraining.start(config, seeds), "base");
        if (saved != null) {
            base.save(saved);
        }
        return base;
    }

    /** Runs a training to the end, printing progress, and returns its result. */
    private static LocalTranslator train(TranslatorTraining training, String label) {
        try (training) {
            long start = System.nanoTime();
            long tokens = 0;
            double lossSum = 0;
            int window = 0;
            while (!training.finished()) {
                StepResult step = training.step();
                tokens += step.tokens();
                lossSum += step.loss();
                window++;
                if (window == 50 || training.finished()) {
                    System.out.printf("  [%s] step %d/%d loss %.3f, %.1f s, %.0f tokens/s%n", label, step.step() + 1,
                            training.totalSteps(), lossSum / window, seconds(start), tokens / seconds(start));
                    lossSum = 0;
                    window = 0;
                }
            }
            return training.result();
        }
    }

    private static List<TranslationPair> seedPairs(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted()
                    .flatMap(f -> SeedPairs.read(f).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static List<String> flatten(List<InstructionTurns.Conversation> conversations, boolean sources) {
        return conversations.stream().flatMap(c -> (sources ? c.sources() : c.gold()).stream()).toList();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
