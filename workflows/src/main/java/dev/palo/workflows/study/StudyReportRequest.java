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
 * @param singleLanguageArms the Table-2 arms of every run (run by run, each run's in its languages' order); empty
 *                      for a study without them
 */
public record StudyReportRequest(String studyId, List<StudyRunScores> runs, int resamples, long bootstrapSeed,
                                 Map<String, String> params, List<SingleLanguageArmScores> singleLanguageArms) {
    /** A report of the runs' two arms only. */
    public StudyReportRequest(String studyId, List<StudyRunScores> runs, int resamples, long bootstrapSeed,
                              Map<String, String> params) {
        this(studyId, runs, resamples, bootstrapSeed, params, List.of());
    }

    public StudyReportRequest {
        runs = List.copyOf(runs);
        singleLanguageArms = singleLanguageArms == null ? List.of() : List.copyOf(singleLanguageArms);
        // sorted: serialized into the history, and Map.copyOf's order differs between JVMs
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }
}
