package dev.palo.workflows.postedit;

import dev.palo.workflows.StageResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Post-edit and QA: the language's punctuation rules applied, then each sample checked (wrong
 * language or script, untranslated English, placeholders lost or added, length ratio) and
 * flagged {@code corrupt} with counts per reason.
 */
@ActivityInterface
public interface PostEditActivities {
    String STAGE = "post-edit";

    @ActivityMethod
    StageResult postEdit(PostEditRequest request);
}
