package dev.palo.services.studies;

import dev.palo.services.runs.StartRunRequest;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/studies}: a run request (the recipe) and the seeds to run it with. */
@Schema(description = "A study: one recipe run once per fine-tune seed × data seed, reported with intervals")
public record StartStudyRequest(
        @Schema(description = "the recipe: a run request as POST /api/runs takes it; it must train (training), and its"
                + " finetune seed and dataset seed are the study's to set")
        StartRunRequest run,
        @Schema(description = "fine-tune seeds (training.finetune.seed: data order and dropout of both arms); left out:"
                + " 42, 43, 44", example = "[42, 43, 44]")
        List<Long> finetuneSeeds,
        @Schema(description = "data seeds (dataset.seed: the dataset-build's shuffle of both arms' records); left out:"
                + " 7, 8", example = "[7, 8]")
        List<Long> dataSeeds,
        @Schema(description = "bootstrap resamples of the intervals; left out: 10000", example = "10000")
        Integer resamples,
        @Schema(description = "the paper's Table 2: each run also fine-tunes one arm per target language on that"
                + " language's translated set alone, each evaluated in English and every target language; left out:"
                + " false")
        Boolean singleLanguageArms) {
    /** A study of the runs' two arms only. */
    public StartStudyRequest(StartRunRequest run, List<Long> finetuneSeeds, List<Long> dataSeeds, Integer resamples) {
        this(run, finetuneSeeds, dataSeeds, resamples, null);
    }

    public static final List<Long> DEFAULT_FINETUNE_SEEDS = List.of(42L, 43L, 44L);
    public static final List<Long> DEFAULT_DATA_SEEDS = List.of(7L, 8L);
}
