package dev.palo.services.studies;

import dev.palo.workflows.study.StudyMemberState;
import java.time.Instant;
import java.util.List;

/**
 * A study as the API shows it.
 *
 * @param id     the study id (its workflow id)
 * @param status RUNNING, COMPLETED, FAILED… (Temporal's status of the study's workflow)
 * @param startTime when the study started
 * @param closeTime when it ended; null while it runs
 * @param runs   each run with its seeds and state; empty while the study has not started its first
 * @param singleLanguageArms Table 2's arms (a study that runs them), each with its run's seeds, its own id and state;
 *               empty until every run completed
 * @param report where the report is once the study completed ({@code /api/studies/<id>/report}); null before
 */
public record StudyView(String id, String status, Instant startTime, Instant closeTime, List<StudyMemberState> runs,
                        List<StudyMemberState> singleLanguageArms, String report) {
    public StudyView {
        runs = List.copyOf(runs);
        singleLanguageArms = singleLanguageArms == null ? List.of() : List.copyOf(singleLanguageArms);
    }
}
