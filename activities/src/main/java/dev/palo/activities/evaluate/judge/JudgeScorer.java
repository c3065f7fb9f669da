package dev.palo.activities.evaluate.judge;

import dev.palo.activities.llm.ChatMessage;
import dev.palo.activities.llm.OpenAiChatClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The LLM judge of LLaVA's {@code eval_gpt_review_bench.py}: its system message and user prompt
 * with the category's rule, the reply's first line parsed by {@link JudgeScoreParser}. Requests
 * run concurrently (the client bounds them); reviews keep the items' order.
 *
 * <p>Two deliberate differences: the caption goes into {@code [Context]} as written, whereas
 * LLaVA's {@code '\n'.join(caption)} on a string puts a newline between every character; and the
 * client asks at temperature 0 (LLaVA: 0.2) so that a rerun reviews alike.
 */
public final class JudgeScorer implements Scorer {
    static final String SYSTEM = "You are a helpful and precise assistant for checking the quality of the answer.";

    private final OpenAiChatClient client;
    private final JudgeRules rules;
    private final int maxTokens;
    private final int concurrency;

    public JudgeScorer(OpenAiChatClient client, JudgeRules rules, int maxTokens, int concurrency) {
        this.client = client;
        this.rules = rules;
        this.maxTokens = maxTokens;
        this.concurrency = concurrency;
    }

    @Override
    public List<Review> review(List<ScoringItem> items) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, items.size())));
        try {
            List<CompletableFuture<Review>> pending = items.stream()
                    .map(item -> CompletableFuture.supplyAsync(() -> review(item), pool)).toList();
            return pending.stream().map(JudgeScorer::await).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The review, or the request's own failure (not a wrapper), so callers can tell permanent errors. */
    private static Review await(CompletableFuture<Review> review) {
        try {
            return review.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Review review(ScoringItem item) {
        String content = client.complete(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(prompt(item))),
                maxTokens);
        return ReviewLines.of(item, content, JudgeScoreParser.parse(content));
    }

    /** LLaVA's user message: context, question, both answers, then the rule. */
    String prompt(ScoringItem item) {
        JudgeRule rule = rules.forCategory(item.question().category());
        String role = rule.role();
        return "[Context]\n" + item.context().caption() + "\n\n"
                + "[Question]\n" + item.question().text() + "\n\n"
                + "[" + role + " 1]\n" + item.reference().text() + "\n\n[End of " + role + " 1]\n\n"
                + "[" + role + " 2]\n" + item.answer().text() + "\n\n[End of " + role + " 2]\n\n"
                + "[System]\n" + rule.prompt() + "\n\n";
    }
}
