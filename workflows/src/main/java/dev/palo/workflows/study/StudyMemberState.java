package dev.palo.workflows.study;

/**
 * Where one run of a study stands, as the study's {@code members} query answers it.
 *
 * @param member the run and its seeds
 * @param state  {@link #PENDING}, {@link #RUNNING}, {@link #COMPLETED}, {@link #FAILED} or {@link #CANCELED}
 * @param error  why it failed; null otherwise
 */
public record StudyMemberState(StudyMember member, String state, String error) {
    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    /** The study was cancelled before this run completed. */
    public static final String CANCELED = "CANCELED";
}
