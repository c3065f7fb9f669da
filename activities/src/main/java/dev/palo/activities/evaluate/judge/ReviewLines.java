package dev.palo.activities.evaluate.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The review line both scorers write, built as LLaVA builds it from the item. */
final class ReviewLines {
    private ReviewLines() {
    }

    static Review of(ScoringItem item, String content, ScorePair tuple) {
        JsonNode answer1Id = item.reference().answerId() == null
                ? IntNode.valueOf(item.reference().questionId()) : TextNode.valueOf(item.reference().answerId());
        return new Review(item.id(), item.question().questionId(), answer1Id,
                TextNode.valueOf(item.answer().answerId()), JudgeRules.reviewCategory(item.question().category()),
                content, tuple);
    }
}
