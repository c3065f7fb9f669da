package dev.palo.workflows.study;

import dev.palo.workflows.dataset.DatasetConfig;
import dev.palo.workflows.pipeline.PipelineSpec;
import dev.palo.workflows.pipeline.TrainingSpec;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A study of one recipe over seeds. Every run is the recipe with two seeds set: the fine-tune's ({@code
 * training.finetune.seed}) and the dataset-build's shuffle seed ({@code dataset.seed}). Nothing upstream of the
 * dataset-build depends on either, so every run after the first finds translation, review, tune, base models and
 * pretraining in the stage cache and redoes only dataset-build (per data seed), fine-tune and evaluation.
 *
 * @param recipe        the run request as a pipeline spec; it must train (the study compares the arms' scores)
 * @param finetuneSeeds fine-tune seeds, each once
 * @param dataSeeds     dataset shuffle seeds, each once
 * @param reviewTree    the PALO-mini tree whose gold the simulated reviewers decide with, on the workers' disk; null
 *                      when the recipe's review is not simulated
 * @param runMemo       the memo every run carries (what the runs list shows: trigger, languages, data)
 * @param resamples     bootstrap resamples of the report's intervals
 * @param bootstrapSeed the bootstrap's random seed: the same runs give the same intervals
 * @param singleLanguageArms the paper's Table 2: once every run completed, each run also fine-tunes one arm per
 *                      target language on that language's translated set alone ({@link SingleLanguageArmWorkflow}),
 *                      each evaluated in English and every target language; false: the runs' two arms only
 */
public record StudySpec(PipelineSpec recipe, List<Long> finetuneSeeds, List<Long> dataSeeds, String reviewTree,
                        Map<String, String> runMemo, int resamples, long bootstrapSeed, boolean singleLanguageArms) {
    /** Enough resamples that the 2.5 % and 97.5 % percentiles move by well under the 0.1 the report prints. */
    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final long DEFAULT_BOOTSTRAP_SEED = 14;

    /** A study of the runs' two arms only (no Table 2). */
    public StudySpec(PipelineSpec recipe, List<Long> finetuneSeeds, List<Long> dataSeeds, String reviewTree,
                     Map<String, String> runMemo, int resamples, long bootstrapSeed) {
        this(recipe, finetuneSeeds, dataSeeds, reviewTree, runMemo, resamples, bootstrapSeed, false);
    }

    public StudySpec {
        if (recipe == null || recipe.training() == null) {
            throw new IllegalArgumentException("a study needs a recipe that trains and evaluates both arms (training)");
        }
        check(finetuneSeeds, dataSeeds, resamples);
        finetuneSeeds = List.copyOf(finetuneSeeds);
        dataSeeds = List.copyOf(dataSeeds);
        // sorted: serialized into the history, and Map.copyOf's order differs between JVMs
        runMemo = Collections.unmodifiableMap(runMemo == null ? new TreeMap<>() : new TreeMap<>(runMemo));
    }

    /** The study's runs, fine-tune seed by data seed, in the order they are listed and run. */
    public List<StudyMember> members(String studyId) {
        return finetuneSeeds.stream().flatMap(finetune -> dataSeeds.stream()
                .map(data -> new StudyMember(finetune, data, StudyMember.runId(studyId, finetune, data)))).toList();
    }

    /** The recipe with one member's seeds. */
    public PipelineSpec specOf(StudyMember member) {
        TrainingSpec training = recipe.training();
        return recipe.withDataset(new DatasetConfig(member.dataSeed(), recipe.dataset().shardSize()))
                .withTraining(training.withFinetune(training.finetune().withSeed(member.finetuneSeed())));
    }

    /** Fails with the reason where the seeds or the resamples cannot make a study. */
    public static void check(List<Long> finetuneSeeds, List<Long> dataSeeds, int resamples) {
        checkSeeds(finetuneSeeds, "finetuneSeeds");
        checkSeeds(dataSeeds, "dataSeeds");
        if (resamples < 100) {
            throw new IllegalArgumentException("a study's bootstrap needs at least 100 resamples, got " + resamples);
        }
    }

    private static void checkSeeds(List<Long> seeds, String name) {
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one seed in " + name);
        }
        if (seeds.stream().anyMatch(Objects::isNull) || new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException(name + " must name each seed once, got " + seeds);
        }
    }
}
