package dev.palo.services.runs;

/**
 * A run started again from a run that ended unsuccessfully, kept in the new run's memo.
 *
 * @param of the run this run retries
 * @param by who asked for the retry (the token's name)
 */
public record RunRetry(String of, String by) {
}
