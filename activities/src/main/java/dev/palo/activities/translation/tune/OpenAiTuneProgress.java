package dev.palo.activities.translation.tune;

/**
 * The OpenAI backend's heartbeat details: what the remote side already holds, so a retried attempt
 * polls the same job instead of uploading and creating another.
 *
 * @param fileId the uploaded training file
 * @param jobId  the fine-tuning job, or null before it was created
 */
record OpenAiTuneProgress(String fileId, String jobId) {
}
