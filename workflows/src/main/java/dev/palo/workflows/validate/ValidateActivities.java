package dev.palo.workflows.validate;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Validate stage: the English source split into the records every later stage may read and a
 * quarantine of the others, each with its reason. The result's output is the accepted set
 * ({@code accepted.json}); its metrics count records, accepted, and quarantined per reason.
 */
@ActivityInterface
public interface ValidateActivities {
    String STAGE = "validate";
    /** Validation reads the English source only. */
    String LANGUAGE = "en";

    /** Fails as non-retryable invalid input, naming the quarantine artifact, when no record is accepted. */
    @ActivityMethod
    StageResult validate(ValidateRequest request);
}
