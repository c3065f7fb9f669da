package dev.palo.services.runs;

import java.time.Instant;
import java.util.List;

/**
 * One line of the run list.
 *
 * @param status    Temporal's execution status without its prefix: RUNNING, COMPLETED, FAILED, CANCELED…
 * @param trigger   who or what started it ({@link RunTrigger}); null for runs from before it was recorded
 * @param languages its target languages, in request order
 * @param data      its English data: {@code mini:<size>} or the source's store URI
 * @param scores    the PALO arm's Avg.H / Avg.L and their gain over the baseline, once the run has a report
 */
public record RunSummary(String id, String status, Instant startTime, Instant closeTime, RunLinks links,
                         String trigger, List<String> languages, String data, RunScores scores) {
    public RunSummary {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** From start to end, or to now while it runs, as the dashboard prints it. */
    public String duration() {
        return Durations.between(startTime, closeTime);
    }

    RunSummary withScores(RunScores newScores) {
        return new RunSummary(id, status, startTime, closeTime, links, trigger, languages, data, newScores);
    }
}
