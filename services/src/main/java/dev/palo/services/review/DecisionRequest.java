package dev.palo.services.review;

import dev.palo.workflows.review.ReviewTurn;
import dev.palo.workflows.review.ReviewVerdict;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of a review decision; the run, language and task come from the path, and who decides from the caller's token
 * (a {@code reviewer} field is refused as unknown: no request names its reviewer).
 */
@Schema(description = "A reviewer's decision on one task")
public record DecisionRequest(
        @Schema(description = "ACCEPT, CORRECT or REJECT", required = true) ReviewVerdict verdict,
        @Schema(description = "CORRECT only: the corrected translation, turn by turn") List<ReviewTurn> corrected) {
}
