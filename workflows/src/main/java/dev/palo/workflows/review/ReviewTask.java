package dev.palo.workflows.review;

/**
 * One conversation to review. Its texts live in the sample artifact, never in workflow state.
 *
 * @param taskId   unique within the run, e.g. {@code ar-00007}
 * @param language language code
 * @param recordId id of the LLaVA record under review
 * @param flagged  true when post-edit QA flagged it {@code corrupt} (routed to review first)
 */
public record ReviewTask(String taskId, String language, String recordId, boolean flagged) {
}
