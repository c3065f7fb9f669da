package dev.palo.workflows.translation.translate;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Translate stage: English LLaVA conversations into one target language, turn by turn. */
@ActivityInterface
public interface TranslateActivities {
    String STAGE = "translate";

    /** Heartbeats the last committed chunk; a retry resumes after it. */
    @ActivityMethod
    StageResult translate(TranslateRequest request);
}
