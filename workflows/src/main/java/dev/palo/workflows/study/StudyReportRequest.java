package dev.palo.workflows.study;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The study's report: every metric per language and arm over the runs, and PALO − baseline with paired bootstrap
 * intervals.
 *
 * @param studyId       the study, which names the report's place in the store and its MLflow run
 * @param runs          every completed run, in the spec's order
 * @param resamples     bootstrap resamples
 * @param bootstrapSeed the bootstrap's random seed
 * @param params        the recipe's reproducibility params for the study's MLflow run
 */
public record StudyReportRequest(String studyId, List<StudyRunScores> runs, int resamples, long bootstrapSeed,
                                 Map<String, String> params) {
    public StudyReportRequest {
        runs = List.copyOf(runs);
        // sorted: serialized into the history, and Map.copyOf's order differs between JVMs
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }
}
