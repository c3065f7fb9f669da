package dev.palo.activities.evaluate.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A review file as eval_gpt_review_bench.py writes it, one unparsed judge reply among six.
     * summarize_gpt_review.py by hand:
     * <pre>
     * conv     ref (8 + 9) / 2 = 8.5          model (6 + 9) / 2 = 7.5            7.5 / 8.5 * 100 = 88.23… → 88.2
     * detail   ref (10 + -1) / 2 = 4.5        model (4 + -1) / 2 = 1.5           1.5 / 4.5 * 100 = 33.33… → 33.3
     * complex  ref (7 + 8) / 2 = 7.5          model (8 + 5.5) / 2 = 6.75         6.75 / 7.5 * 100 = 90.0
     * all      ref 41 / 6 = 6.8333… → 6.833   model 31.5 / 6 = 5.25              5.25 / 6.833 * 100 = 76.83… → 76.8
     * </pre>
     * The mean of the three category ratios would be 70.5: {@code all} is pooled, not averaged.
     */
    private static final String REVIEW_FILE = """
            {"id": 1, "question_id": 0, "answer1_id": 0, "answer2_id": "a0", "category": "llava_bench_conv", "content": "8 6\\nok", "tuple": [8.0, 6.0]}
            {"id": 2, "question_id": 1, "answer1_id": 1, "answer2_id": "a1", "category": "llava_bench_conv", "content": "9 9\\nok", "tuple": [9.0, 9.0]}
            {"id": 3, "question_id": 2, "answer1_id": 2, "answer2_id": "a2", "category": "llava_bench_detail", "content": "10 4\\nok", "tuple": [10.0, 4.0]}
            {"id": 4, "question_id": 3, "answer1_id": 3, "answer2_id": "a3", "category": "llava_bench_detail", "content": "Scores: 9 and 3", "tuple": [-1, -1]}
            {"id": 5, "question_id": 4, "answer1_id": 4, "answer2_id": "a4", "category": "llava_bench_complex", "content": "7 8\\nok", "tuple": [7.0, 8.0]}
            {"id": 6, "question_id": 5, "answer1_id": 5, "answer2_id": "a5", "category": "llava_bench_complex", "content": "8 5.5\\nok", "tuple": [8.0, 5.5]}
            """;

    @Test
    void reproducesSummarizeGptReviewOnAHandMadeReviewFile() throws Exception {
        List<Review> reviews = REVIEW_FILE.lines().map(ReviewSummaryTest::parse).toList();

        ReviewSummary summary = ReviewSummary.of(reviews);

        assertEquals(88.2, summary.categories().get("llava_bench_conv").relative());
        assertEquals(33.3, summary.categories().get("llava_bench_detail").relative());
        assertEquals(90.0, summary.categories().get("llava_bench_complex").relative());
        assertEquals(76.8, summary.all());
        assertEquals(6.833, summary.categories().get(ReviewSummary.ALL).referenceMean());
        assertEquals(5.25, summary.categories().get(ReviewSummary.ALL).modelMean());
        assertEquals(6, summary.categories().get(ReviewSummary.ALL).reviews());
        assertEquals(1, summary.unparsed(), "the (-1, -1) line is averaged in and counted");
    }

    @Test
    void theTupleOfAReviewIsItsScoresReferenceFirst() {
        Review review = parse(REVIEW_FILE.lines().findFirst().orElseThrow());
        assertEquals(new ScorePair(8, 6), review.tuple());
    }

    @Test
    void aReferenceMeanOfZeroIsAnErrorNotADivisionByZero() {
        Review zero = parse("{\"id\": 1, \"question_id\": 0, \"answer1_id\": 0, \"answer2_id\": \"a\","
                + " \"category\": \"llava_bench_conv\", \"content\": \"0 0\", \"tuple\": [0, 0]}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReviewSummary.of(List.of(zero)));
        assertEquals(true, error.getMessage().contains("mean score of 0"), error.getMessage());
    }

    private static Review parse(String line) {
        try {
            return JSON.readValue(line, Review.class);
        } catch (Exception e) {
            throw new AssertionError("bad review line " + line, e);
        }
    }
}
