package dev.palo.workflows.review;

/**
 * A task's latest stored decision, as read back when a review resumes in a fresh history.
 *
 * @param taskId  the task
 * @param version its latest version
 * @param verdict that version's verdict
 */
public record DecidedTask(String taskId, int version, ReviewVerdict verdict) {
}
