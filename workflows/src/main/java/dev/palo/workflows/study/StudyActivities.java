package dev.palo.workflows.study;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;

/** The study's own stage: its report, made once every run has completed. */
@ActivityInterface
public interface StudyActivities {
    /** Stage name in the store ({@code studies/<study>/}) and in tracking. */
    String STAGE = "study";

    /**
     * Writes {@code studies/<study>/study.json} (the output) and {@code study.md} to the store and a study run with
     * the figures as metrics to MLflow. The same request gives the same bytes (the bootstrap is seeded), so a retry
     * changes nothing.
     */
    StageResult report(StudyReportRequest request);
}
