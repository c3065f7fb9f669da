package dev.palo.activities.review;

import dev.palo.data.llava.Turn;
import dev.palo.workflows.review.ReviewTurn;
import java.util.List;

/** Conversions between LLaVA turns and the review API's turns (plain records that serialise as {from, value}). */
final class ReviewTurns {
    private ReviewTurns() {
    }

    static List<ReviewTurn> of(List<Turn> turns) {
        return turns.stream().map(turn -> new ReviewTurn(turn.from(), turn.value())).toList();
    }

    static List<Turn> toLlava(List<ReviewTurn> turns) {
        return turns.stream().map(turn -> new Turn(turn.from(), turn.value())).toList();
    }
}
