package dev.palo.activities.evaluate.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palo.activities.llm.ChatEndpoint;
import dev.palo.activities.llm.OpenAiChatClient;
import dev.palo.data.bench.BenchAnswer;
import dev.palo.data.bench.BenchContext;
import dev.palo.data.bench.BenchQuestion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeScorerTest {
    private static final String CAPTION = "A red circle at the top.";

    private static ScoringItem item(int line, String category, String question, String answer) {
        BenchQuestion q = new BenchQuestion(line - 1, "001.png", question, category);
        return new ScoringItem(line, q, new BenchContext("1", "001.png", CAPTION),
                BenchAnswer.reference(q.questionId(), question, "The circle is red.", "gold"),
                new BenchAnswer(q.questionId(), question, answer, "ans-" + line, "palo-test",
                        JsonNodeFactory.instance.objectNode(), Map.of()));
    }

    /** The judge's verdict is in the answer: "score:x y" replies "x y", anything else an unparseable line. */
    private static String verdict(String userMessage) {
        int at = userMessage.indexOf("score:");
        return at < 0 ? "I cannot rate this." : userMessage.substring(at + 6, userMessage.indexOf('\n', at)) + "\nbecause";
    }

    @Test
    void sendsLlavasJudgePromptAndParsesTheRepliesCountingFailures() throws Exception {
        try (FakeJudgeServer judge = new FakeJudgeServer(JudgeScorerTest::verdict)) {
            OpenAiChatClient client = new OpenAiChatClient(new ChatEndpoint(judge.baseUrl(), "judge-model", null, 2,
                    6000, 1_000_000, 2), Duration.ofMillis(10), Duration.ofMillis(50));
            JudgeScorer scorer = new JudgeScorer(client, JudgeRules.llavaBench(), 1024, 2);
            List<ScoringItem> items = List.of(
                    item(1, "conv", "What colour is the circle?", "score:8 6"),
                    item(2, "detail", "Describe the picture.", "no verdict"),
                    item(3, "complex", "Why is it red?", "score:9,7"));

            List<Review> reviews = scorer.review(items);

            assertEquals(3, judge.requests.size());
            JsonNode first = judge.requests.stream()
                    .filter(r -> r.path("messages").path(1).path("content").asText().contains("score:8 6"))
                    .findFirst().orElseThrow();
            assertEquals("judge-model", first.path("model").asText());
            assertEquals(1024, first.path("max_tokens").asInt());
            assertEquals("system", first.path("messages").path(0).path("role").asText());
            assertEquals("You are a helpful and precise assistant for checking the quality of the answer.",
                    first.path("messages").path(0).path("content").asText());
            String rule = JudgeRules.llavaBench().forCategory("conv").prompt();
            assertEquals("[Context]\n" + CAPTION + "\n\n[Question]\nWhat colour is the circle?\n\n"
                            + "[Assistant 1]\nThe circle is red.\n\n[End of Assistant 1]\n\n"
                            + "[Assistant 2]\nscore:8 6\n\n[End of Assistant 2]\n\n[System]\n" + rule + "\n\n",
                    first.path("messages").path(1).path("content").asText());

            assertEquals(List.of(1, 2, 3), reviews.stream().map(Review::id).toList(), "reviews keep the items' order");
            assertEquals(new ScorePair(8, 6), reviews.get(0).tuple());
            assertEquals(ScorePair.UNPARSED, reviews.get(1).tuple());
            assertEquals("I cannot rate this.", reviews.get(1).content(), "the unparsed reply is kept as written");
            assertEquals(new ScorePair(9, 7), reviews.get(2).tuple());
            assertEquals("llava_bench_detail", reviews.get(1).category());
            assertEquals("ans-3", reviews.get(2).answer2Id().asText());
            assertEquals(items.get(1).question().questionId(), reviews.get(1).answer1Id().asInt(),
                    "no reference answer_id: its question id, as LLaVA");
            assertEquals(1, ReviewSummary.of(reviews).unparsed());
        }
    }

    @Test
    void everyBenchCategoryHasARuleThatAsksForTwoScoresOnTheFirstLine() {
        JudgeRules rules = JudgeRules.llavaBench();
        for (String category : List.of("conv", "detail", "complex")) {
            assertEquals("Assistant", rules.forCategory(category).role());
            assertEquals(true, rules.forCategory(category).prompt().contains("single line containing only two values"));
        }
    }
}
