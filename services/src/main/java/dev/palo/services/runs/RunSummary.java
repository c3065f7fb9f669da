package dev.palo.services.runs;

import java.time.Instant;

/**
 * One line of the run list.
 *
 * @param status Temporal's execution status without its prefix: RUNNING, COMPLETED, FAILED, CANCELED…
 */
public record RunSummary(String id, String status, Instant startTime, Instant closeTime, RunLinks links) {
}
