package dev.palo.activities.basemodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.llava.LlavaJsonReader;
import dev.palo.data.mini.MiniGenerator;
import dev.palo.model.PaloConfig;
import dev.palo.model.base.BaseModelInputs;
import dev.palo.model.base.BaseModelListener;
import dev.palo.model.base.BaseModelReport;
import dev.palo.model.base.BaseModelTraining;
import dev.palo.model.base.VisionStep;
import dev.palo.model.preset.Presets;
import dev.palo.model.train.StepResult;
import dev.palo.workflows.basemodel.BaseModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time of training the base models once on a local PALO-mini folder with the stage's {@code mini} settings,
 * and what they learned: held-out loss per language (the English-heaviness) and the tower's accuracy per slot.
 * The object store is left out (its speed is the network's). A warm-up run at 1% of the epochs (without held-out
 * scoring) starts the engine and the JIT first; training happens once per machine, so one measured run is what a
 * user waits for. {@code fraction} (default 1) scales the measured run's epochs, to extrapolate on a busy machine.
 * {@code java -cp … dev.palo.activities.basemodel.BaseModelBenchmark <mini folder> [work dir] [repeats] [fraction]}
 */
public final class BaseModelBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BaseModelBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path mini = Path.of(args[0]);
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("palo-base-bench");
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        double fraction = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        BaseModelSettings settings = BaseModelSettings.mini();
        PaloConfig architecture = Presets.get(settings.preset());
        BaseModelInputs inputs = inputs(mini, architecture);
        System.out.printf(Locale.ROOT, "%d corpus lines, %d images, held-out languages %s; %d processors, max heap %d MB%n",
                inputs.corpus().size(), inputs.images().size(), inputs.heldOut().keySet(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (int run = -1; run < repeats; run++) {
            boolean warmUp = run < 0;
            double scale = warmUp ? 0.01 : fraction;
            BaseModelInputs runInputs = warmUp
                    ? new BaseModelInputs(inputs.corpus(), inputs.images(), inputs.slots(), Map.of()) : inputs;
            Path runDir = Files.createDirectories(work.resolve(warmUp ? "warm-up" : "run-" + run));
            long start = System.nanoTime();
            BaseModelReport report = BaseModelTraining.train(architecture, settings.seed(),
                    BaseRecipes.lm(settings).withEpochs(settings.lmEpochs() * scale),
                    BaseRecipes.vision(settings).withEpochs(settings.visionEpochs() * scale), runInputs,
                    runDir.resolve("work"), runDir.resolve("bundle"), warmUp ? BaseModelListener.NONE : new Progress());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %.1f s in all; phases %s; LM %.0f tokens/s%n",
                    warmUp ? "warm-up (1% of the epochs)" : "run " + run + " (" + scale + " of the epochs)", seconds,
                    rounded(report.seconds()),
                    report.lmTokensPerSecond());
            if (!warmUp) {
                System.out.println(JSON.writeValueAsString(report));
            }
        }
    }

    /** The inputs the stage reads, from the folder {@code ./palo data mini} wrote. */
    static BaseModelInputs inputs(Path mini, PaloConfig architecture) throws IOException {
        Map<String, String> sceneOfImage = new LinkedHashMap<>();
        for (Path records : List.of(mini.resolve("pretrain/captions.json"), mini.resolve("instruct/english.json"))) {
            try (LlavaJsonReader reader = LlavaJsonReader.open(records)) {
                TrainingInputsLoader.collectScenes(reader, records.toString(), sceneOfImage);
            }
        }
        Map<String, List<String>> heldOut = new LinkedHashMap<>();
        for (Language language : LanguageRegistry.palo().all()) {
            Path records = language.code().equals(MiniGenerator.ENGLISH) ? mini.resolve("instruct/english.json")
                    : mini.resolve("gold/" + language.code() + ".json");
            if (!Files.isRegularFile(records)) {
                continue; // a registry language the folder was not generated with (German by default)
            }
            try (LlavaJsonReader reader = LlavaJsonReader.open(records)) {
                heldOut.put(language.code(), TrainingInputsLoader.replies(reader));
            }
        }
        return new BaseModelInputs(TrainingInputsLoader.lines(Files.newInputStream(mini.resolve("corpus/base-lm.txt"))),
                TrainingInputsLoader.images(sceneOfImage, mini.resolve("images"), architecture.visionConfig()),
                SceneTokenLabels.SLOTS, heldOut);
    }

    private static Map<String, String> rounded(Map<String, Double> seconds) {
        Map<String, String> out = new LinkedHashMap<>();
        seconds.forEach((phase, s) -> out.put(phase, String.format(Locale.ROOT, "%.1f s", s)));
        return out;
    }

    /** A line every 50 steps, so a long run shows it is alive. */
    private static final class Progress implements BaseModelListener {
        private final long start = System.nanoTime();

        @Override
        public void visionStep(VisionStep step) {
            if (step.step() % 50 == 0 || step.step() == step.totalSteps() - 1) {
                System.out.printf(Locale.ROOT, "  vision %d/%d loss %.4f (%.0f s)%n", step.step() + 1, step.totalSteps(),
                        step.loss(), (System.nanoTime() - start) / 1e9);
            }
        }

        @Override
        public void lmStep(StepResult result) {
            if (result.step() % 50 == 0) {
                System.out.printf(Locale.ROOT, "  lm %d loss %.4f (%.0f s)%n", result.step() + 1, result.loss(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
