package dev.palo.workflows.study;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.dataset.LanguageSet;
import dev.palo.workflows.evaluate.EvaluateConfig;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.pipeline.PipelineResult;
import dev.palo.workflows.training.LoraSettings;
import dev.palo.workflows.training.TrainingSettings;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * One single-language arm of the paper's Table 2 in one run of a study: a fine-tune on one target language's
 * translated set alone, from that run's pretrained model with that run's seeds, evaluated in English and every target
 * language on that run's bench.
 *
 * @param runId         the arm's id ({@link SingleLanguageArmWorkflow#runId}): every output key starts with it
 * @param member        the study's run the arm belongs to (its seeds, pretrained model and bench)
 * @param set           the language's translated set, as the run's PALO arm trained on it
 * @param pretrained    the run's pretrained model (a PaloModel bundle)
 * @param imagePrefix   where the records' images are in the store
 * @param dataset       the run's dataset-build settings (its data seed)
 * @param finetune      the run's fine-tune settings (its fine-tune seed, the recipe's epochs)
 * @param lora          LoRA rank, alpha and dropout
 * @param bench         the run's bench
 * @param languages     English and every target language, in the run's evaluation order
 * @param evaluate      the run's generation and scorer settings
 * @param trackingRunId the run's MLflow run; the arm's stages nest under a run of its own beneath it
 */
public record SingleLanguageArmJob(String runId, StudyMember member, LanguageSet set, ArtifactRef pretrained,
                                   String imagePrefix, DatasetConfig dataset, TrainingSettings finetune,
                                   LoraSettings lora, ArtifactRef bench, List<String> languages,
                                   EvaluateConfig evaluate, String trackingRunId) {
    /** Bench language of the English questions, evaluated beside every target language as in a run. */
    static final String ENGLISH = "en";

    public SingleLanguageArmJob {
        languages = List.copyOf(languages);
    }

    /** The arm of {@code member}'s run for {@code language}, from the run's spec and result. */
    static SingleLanguageArmJob of(StudyMember member, PipelineSpec run, PipelineResult result, String language) {
        List<String> evaluated = new ArrayList<>();
        evaluated.add(ENGLISH);
        evaluated.addAll(run.languages());
        LanguageSet set = result.languages().stream().filter(l -> l.language().equals(language)).findFirst()
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("run " + member.runId()
                        + " has no result for " + language, FailureTypes.INVALID_INPUT)).trainingSet();
        return new SingleLanguageArmJob(SingleLanguageArmWorkflow.runId(member.runId(), language), member, set,
                result.models().pretrain().output(), run.imagePrefix(), run.dataset(), run.training().finetune(),
                run.training().lora(), run.training().bench(), evaluated, run.training().evaluate(),
                result.trackingRunId());
    }
}
