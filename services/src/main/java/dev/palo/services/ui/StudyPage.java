package dev.palo.services.ui;

import dev.palo.services.runs.Durations;
import dev.palo.services.runs.RunStatus;
import dev.palo.services.studies.StudyView;
import dev.palo.workflows.study.StudyMemberState;

/**
 * A study's page: its runs' states from the study workflow, and its report once it completed.
 *
 * @param report null until the study completed
 */
public record StudyPage(StudyView study, StudyReportView report) {
    /** How often the page asks for its live part while the study runs. */
    public int pollSeconds() {
        return StudyPages.LIVE_SECONDS;
    }

    /** While it runs, the page polls its live part. */
    public boolean running() {
        return RunStatus.RUNNING.equals(study.status());
    }

    public long completedRuns() {
        return study.runs().stream().filter(run -> StudyMemberState.COMPLETED.equals(run.state())).count();
    }

    /** Runs completed of all, in percent, for the progress bar. */
    public long percent() {
        return study.runs().isEmpty() ? 0 : Math.round(100.0 * completedRuns() / study.runs().size());
    }

    public String duration() {
        return Durations.between(study.startTime(), study.closeTime());
    }
}
