package dev.palo.activities.llm;

/**
 * A fine-tuning job as the server reports it.
 *
 * @param id             job id, e.g. {@code ftjob-abc}
 * @param status         {@code validating_files}, {@code queued}, {@code running}, {@code succeeded},
 *                       {@code failed} or {@code cancelled}
 * @param trainingFile   id of the uploaded training file
 * @param fineTunedModel the tuned model's name once succeeded, else null
 * @param error          the server's error message once failed, else null
 * @param trainedTokens  tokens trained on once succeeded, else 0
 */
public record FineTuningJob(String id, String status, String trainingFile, String fineTunedModel, String error,
                            long trainedTokens) {
    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    /** Failed or cancelled: no result will come. */
    public boolean endedWithoutModel() {
        return "failed".equals(status) || "cancelled".equals(status);
    }
}
