package dev.palo.workflows.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.NoGoldQuality;
import dev.palo.workflows.PipelineFixtures;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.basemodel.BaseModelActivities;
import dev.palo.workflows.basemodel.BaseModelRequest;
import dev.palo.workflows.basemodel.BaseModelSettings;
import dev.palo.workflows.basemodel.BaseTrainingInputs;
import dev.palo.workflows.dataset.DatasetActivities;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.evaluate.EvaluateActivities;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.evaluate.EvaluateWorkflowImpl;
import dev.palo.workflows.evaluate.GenerateRequest;
import dev.palo.workflows.finetune.FinetuneActivities;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.language.LanguagePipelineWorkflowImpl;
import dev.palo.workflows.postedit.LowYieldAction;
import dev.palo.workflows.postedit.QaConfig;
import dev.palo.workflows.pretrain.PretrainRequest;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model half of the pipeline (issue #5) on the test server: what each stage receives, and in which order. */
class TrainingPipelineTest {
    private static final ArtifactRef CORPUS = ref("corpus.txt");
    private static final ArtifactRef CAPTIONS = ref("captions.json");
    private static final ArtifactRef BENCH = ref("bench.directory.json");
    private static final String IMAGES = "sources/mini/images/";

    private TestWorkflowEnvironment env;

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void trainsBothArmsFromThePretrainedModelAndEvaluatesThemTogetherInEnglishAndEveryLanguage() throws Exception {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        InMemoryModelActivities models = new InMemoryModelActivities();
        start(activities, models);
        PipelineSpec spec = spec(PipelineFixtures.spec(List.of("ar")).qa());
        BaseModelSetup base = spec.training().base();

        PipelineResult result = PipelineFixtures.pipeline(env, "run-train").run(spec);

        BaseModelRequest baseCall = single(models.baseCalls);
        assertEquals(new BaseModelRequest("run-train", "palo-mini-base", base.training(), null,
                "mlflow-run-train-" + BaseModelActivities.STAGE + "-" + BaseModelActivities.LANGUAGE), baseCall);
        PretrainRequest pretrain = single(models.pretrainCalls);
        assertEquals(result.models().base().output(), pretrain.baseModel());
        assertEquals(CAPTIONS, pretrain.captions());
        assertEquals(IMAGES, pretrain.imagePrefix());

        Map<DatasetArm, FinetuneRequest> finetunes = models.finetuneCalls.stream()
                .collect(Collectors.toMap(FinetuneRequest::arm, Function.identity()));
        assertEquals(Set.of(DatasetArm.BASELINE, DatasetArm.PALO), finetunes.keySet());
        assertEquals(result.baselineDataset().output(), finetunes.get(DatasetArm.BASELINE).dataset());
        assertEquals(result.paloDataset().output(), finetunes.get(DatasetArm.PALO).dataset());
        for (FinetuneRequest finetune : finetunes.values()) {
            assertEquals(result.models().pretrain().output(), finetune.pretrainedModel());
            assertEquals(spec.training().finetune(), finetune.settings());
            assertEquals(spec.training().lora(), finetune.lora());
        }

        Map<DatasetArm, GenerateRequest> generated = models.generateCalls.stream()
                .collect(Collectors.toMap(GenerateRequest::arm, Function.identity()));
        assertEquals(result.models().baseline().output(), generated.get(DatasetArm.BASELINE).model());
        assertEquals(result.models().palo().output(), generated.get(DatasetArm.PALO).model());
        for (GenerateRequest generate : generated.values()) {
            assertEquals(List.of("en", "ar", "hi"), generate.languages());
            assertEquals(BENCH, generate.bench());
        }
        assertEquals(2, single(models.reportCalls).arms().size());
        assertEquals(EvaluateActivities.REPORT_STAGE, result.evaluation().report().stage());

        // a stage's tracking run is finished off the critical path (StageTracking.CLOSE_OFF_PATH), possibly after the
        // next stage started: the order of the stages shows in their starts, and every run is finished before the end
        List<String> calls = activities.trackingCalls;
        int end = calls.indexOf("end mlflow-run-train true");
        for (DatasetArm arm : DatasetArm.values()) {
            int built = calls.indexOf("stage " + DatasetActivities.STAGE + " " + arm.code());
            int pretrained = calls.indexOf("stage pretrain en");
            int tuned = calls.indexOf("stage " + FinetuneActivities.STAGE + " " + arm.code());
            assertTrue(built >= 0 && pretrained >= 0 && tuned > built && tuned > pretrained, calls.toString());
            for (String stage : List.of(DatasetActivities.STAGE + "-" + arm.code(), "pretrain-en",
                    FinetuneActivities.STAGE + "-" + arm.code())) {
                int finished = calls.indexOf("finish mlflow-run-train-" + stage);
                assertTrue(finished >= 0 && finished < end, stage + " finished before the run ended: " + calls);
            }
        }
        assertEquals(calls.size() - 1, end, calls.toString());
        // the training branches run side by side; their history must replay command for command
        WorkflowReplayer.replayWorkflowExecution(env.getWorkflowClient().fetchHistory("run-train"),
                PaloPipelineWorkflowImpl.class);
    }

    @Test
    void aStepMatchedBaselineTrainsAsManyStepsAsThePaloArm() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        InMemoryModelActivities models = new InMemoryModelActivities();
        start(activities, models);
        PipelineSpec plain = spec(PipelineFixtures.spec(List.of("ar")).qa());
        TrainingSpec recipe = plain.training();
        PipelineSpec spec = plain.withTraining(new TrainingSpec(recipe.base(), recipe.captions(), recipe.pretrain(),
                recipe.finetune(), recipe.lora(), recipe.bench(), recipe.evaluate(), true));

        PipelineResult result = PipelineFixtures.pipeline(env, "run-matched").run(spec);

        Map<DatasetArm, FinetuneRequest> finetunes = models.finetuneCalls.stream()
                .collect(Collectors.toMap(FinetuneRequest::arm, Function.identity()));
        long baselineRecords = result.baselineDataset().output().recordCount();
        long paloRecords = result.paloDataset().output().recordCount();
        assertTrue(paloRecords > baselineRecords, baselineRecords + " vs " + paloRecords);
        assertEquals(recipe.finetune(), finetunes.get(DatasetArm.PALO).settings());
        // records × epochs / batch: the same number of optimizer steps as the PALO arm
        assertEquals(recipe.finetune().withEpochs(recipe.finetune().epochs() * paloRecords / baselineRecords),
                finetunes.get(DatasetArm.BASELINE).settings());
    }

    @Test
    void aLanguageThatWentOnBelowItsFloorIsStatedInTheReport() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        activities.echoingLanguages.add("hi");
        InMemoryModelActivities models = new InMemoryModelActivities();
        start(activities, models);
        PipelineSpec spec = spec(PipelineFixtures.spec(List.of("ar")).qa().withFloor(0.5, LowYieldAction.WARN));

        PipelineFixtures.pipeline(env, "run-warn").run(spec);

        List<String> warnings = single(models.reportCalls).warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("hi: only 0 of 10 translated records passed QA"), warnings.get(0));
    }

    /** Both queues on one test server, every workflow and the given stages registered. */
    private void start(InMemoryActivities activities, InMemoryModelActivities models) {
        env = TestWorkflowEnvironment.newInstance();
        for (String queue : List.of(TaskQueues.CPU, TaskQueues.GPU)) {
            Worker worker = env.newWorker(queue);
            worker.registerWorkflowImplementationTypes(PaloPipelineWorkflowImpl.class,
                    LanguagePipelineWorkflowImpl.class, EvaluateWorkflowImpl.class);
            worker.registerActivitiesImplementations(activities, models, new NoGoldQuality());
        }
        env.start();
    }

    /** Arabic and Hindi with the mini training recipe. */
    private static PipelineSpec spec(QaConfig qa) {
        BaseModelSetup base = new BaseModelSetup("palo-mini-base", new BaseTrainingInputs(CORPUS, List.of(CAPTIONS),
                IMAGES, List.of(), BaseModelSettings.mini()), null);
        return new PipelineSpec(PipelineFixtures.SOURCE, List.of("ar", "hi"), PipelineFixtures.TRANSLATE, qa,
                PipelineFixtures.REVIEW, PipelineFixtures.spec(List.of("ar")).dataset(), IMAGES)
                .withTraining(new TrainingSpec(base, CAPTIONS, TrainingSettings.pretrainMini(),
                        TrainingSettings.finetuneMini(), LoraSettings.mini(), BENCH, EvaluateConfig.offlineDefaults()));
    }

    private static <T> T single(List<T> calls) {
        assertEquals(1, calls.size(), calls.toString());
        return calls.get(0);
    }

    private static ArtifactRef ref(String name) {
        return new ArtifactRef("s3://palo/sources/mini/" + name, "sha-" + name, 1, "application/json", 1);
    }
}
