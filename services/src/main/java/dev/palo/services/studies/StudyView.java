package dev.palo.services.studies;

import dev.palo.workflows.study.StudyMemberState;
import java.util.List;

/**
 * A study as the API shows it.
 *
 * @param id     the study id (its workflow id)
 * @param status RUNNING, COMPLETED, FAILED… (Temporal's status of the study's workflow)
 * @param runs   each run with its seeds and state; empty while the study has not started its first
 * @param report where the report is once the study completed ({@code /api/studies/<id>/report}); null before
 */
public record StudyView(String id, String status, List<StudyMemberState> runs, String report) {
    public StudyView {
        runs = List.copyOf(runs);
    }
}
