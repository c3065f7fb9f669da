package dev.palo.activities.review;

import dev.palo.workflows.review.ReviewerMode;
import java.util.List;

/**
 * The sample artifact: no run id inside, so equal inputs and config give equal bytes across runs.
 *
 * @param language language code
 * @param mode     who reviews it; SIMULATED marks a demo review
 * @param items    the tasks, flagged first
 */
record ReviewSampleFile(String language, ReviewerMode mode, List<ReviewItem> items) {
}
