package dev.palo.services.studies;

import dev.palo.services.runs.Durations;
import java.time.Instant;
import java.util.List;

/**
 * One line of the studies list, from the study workflow's memo ({@link StudyMemo}): no query of the study.
 *
 * @param status        Temporal's execution status of the study's workflow: RUNNING, COMPLETED, FAILED…
 * @param trigger       who started it (API, CLI, DASHBOARD); null for studies from before the memo
 * @param languages     the recipe's target languages
 * @param data          the recipe's English data: {@code mini:<size>} or the source's store URI
 * @param finetuneSeeds the fine-tune seeds; empty for studies from before the memo
 * @param dataSeeds     the data seeds; empty for studies from before the memo
 * @param stepMatched   whether the baseline arm is the step-matched control
 * @param bench         the bench its runs are scored on (test or validation); null for studies from before the memo
 * @param singleLanguageArms whether it runs Table 2's single-language arms
 */
public record StudySummary(String id, String status, Instant startTime, Instant closeTime, String trigger,
                           List<String> languages, String data, List<Long> finetuneSeeds, List<Long> dataSeeds,
                           boolean stepMatched, String bench, boolean singleLanguageArms) {
    public StudySummary {
        languages = List.copyOf(languages);
        finetuneSeeds = List.copyOf(finetuneSeeds);
        dataSeeds = List.copyOf(dataSeeds);
    }

    /** From start to end, or to now while it runs, as the dashboard prints it. */
    public String duration() {
        return Durations.between(startTime, closeTime);
    }

    /** The number of runs: fine-tune seeds × data seeds; 0 where the memo does not say. */
    public int runCount() {
        return finetuneSeeds.size() * dataSeeds.size();
    }
}
