package dev.palo.workflows.quality;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Translation quality against a reference, logged to the stage's tracking run. */
@ActivityInterface
public interface QualityActivities {
    /**
     * Corpus chrF of a translated LLaVA file against PALO-mini gold found next to the English
     * source, logged as {@code chrf}; where no gold exists, nothing is logged and the score says why.
     */
    @ActivityMethod
    ChrfScore chrf(ChrfRequest request);
}
