package dev.palo.workflows.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.workflows.InMemoryActivities;
import dev.palo.workflows.TaskQueues;
import dev.palo.workflows.dataset.DatasetArm;
import dev.palo.workflows.dataset.DatasetBuildRequest;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.evaluate.EvaluateWorkflowImpl;
import dev.palo.workflows.evaluate.GenerateRequest;
import dev.palo.workflows.finetune.FinetuneRequest;
import dev.palo.workflows.pipeline.InMemoryModelActivities;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A Table-2 arm with the run's own activities: the language's set alone, built, fine-tuned, evaluated everywhere. */
class SingleLanguageArmWorkflowTest {
    @Test
    void theLanguageSetAloneIsBuiltFineTunedFromTheRunsModelAndEvaluatedInEveryLanguage() {
        InMemoryActivities activities = new InMemoryActivities(Set.of());
        InMemoryModelActivities models = new InMemoryModelActivities();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            for (String queue : List.of(TaskQueues.CPU, TaskQueues.GPU)) {
                Worker worker = env.newWorker(queue);
                worker.registerWorkflowImplementationTypes(SingleLanguageArmWorkflowImpl.class,
                        EvaluateWorkflowImpl.class);
                worker.registerActivitiesImplementations(activities, models);
            }
            env.start();
            SingleLanguageArmJob job = job("s-ft42-data7-only-ar");
            ArmOutputs outputs = env.getWorkflowClient().newWorkflowStub(SingleLanguageArmWorkflow.class,
                    WorkflowOptions.newBuilder().setWorkflowId(job.runId()).setTaskQueue(TaskQueues.CPU).build())
                    .run(job);

            // the dataset-build's one-set arm, given the language's set as its only set
            assertEquals(1, activities.datasetCalls.size());
            DatasetBuildRequest built = activities.datasetCalls.get(0);
            assertEquals(DatasetArm.BASELINE, built.arm());
            assertEquals(List.of(job.set()), built.sets());
            assertEquals(job.runId(), built.runId());
            assertEquals(job.dataset(), built.config());

            FinetuneRequest finetune = models.finetuneCalls.get(0);
            assertEquals(1, models.finetuneCalls.size());
            assertEquals(job.pretrained(), finetune.pretrainedModel());
            assertTrue(finetune.dataset().uri().contains("/runs/s-ft42-data7-only-ar/dataset-build/baseline/"),
                    finetune.dataset().uri());
            assertEquals(job.finetune(), finetune.settings());
            assertEquals(job.lora(), finetune.lora());

            GenerateRequest generated = models.generateCalls.get(0);
            assertEquals(1, models.generateCalls.size());
            assertEquals(List.of("en", "ar", "ur"), generated.languages());
            assertEquals(job.bench(), generated.bench());
            assertEquals(1, models.reportCalls.size());
            assertEquals(DatasetArm.BASELINE, outputs.arm());
            assertTrue(outputs.scores().uri().contains("/runs/s-ft42-data7-only-ar/"), outputs.scores().uri());

            // every stage nests under the arm's own tracking run beneath the run's, never beside the run's stages
            String armRun = "tracking-s-ft42-data7-" + SingleLanguageArmWorkflowImpl.STAGE + "-ar";
            assertTrue(activities.trackingCalls.contains("stage " + SingleLanguageArmWorkflowImpl.STAGE + " ar"),
                    activities.trackingCalls.toString());
            assertEquals(armRun + "-finetune-baseline", finetune.trackingRunId());
            assertTrue(activities.trackingCalls.contains("finish " + armRun), activities.trackingCalls.toString());
        }
    }

    /** The Arabic arm of run {@code s-ft42-data7} (en, ar and ur evaluated). */
    static SingleLanguageArmJob job(String armId) {
        return new SingleLanguageArmJob(armId, new StudyMember(42, 7, "s-ft42-data7"), new LanguageSet("ar",
                StudyFixtures.ref("translated-ar.json"), List.of(StudyFixtures.ref("review-ar"))),
                StudyFixtures.ref("pretrained"), "sources/mini/images", new DatasetConfig(7, 50_000),
                TrainingSettings.finetuneMini().withSeed(42), LoraSettings.mini(), StudyFixtures.ref("bench"),
                List.of("en", "ar", "ur"), EvaluateConfig.offlineDefaults(), "tracking-s-ft42-data7");
    }
}
