package dev.palo.services.ui;

import dev.palo.data.bench.BenchQuestion;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.services.runs.RunAnswers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One bench question of a finished run as the results page browses it: its image, and per language the question,
 * both arms' answers and the gold answer.
 *
 * @param index 0-based position among the bench's questions
 * @param count questions in the bench
 */
public record AnswerBrowser(String runId, int index, int count, int questionId, String category, List<Line> lines) {
    /** One language's question and answers; {@code rtl} for Arabic and Urdu. */
    public record Line(String language, boolean rtl, String question, String gold, String baseline, String palo) {
        /** A tiny or badly trained model can answer nothing: the page says so instead of showing an empty cell. */
        public boolean baselineEmpty() {
            return baseline.isBlank();
        }

        public boolean paloEmpty() {
            return palo.isBlank();
        }
    }

    static AnswerBrowser of(String runId, RunAnswers.Answers answers, int wanted) {
        List<BenchQuestion> questions = answers.questions();
        int index = Math.floorMod(wanted, questions.size());
        BenchQuestion asked = questions.get(index);
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, LanguageBench> language : answers.benches().entrySet()) {
            LanguageBench bench = language.getValue();
            String code = language.getKey();
            for (int line = 0; line < bench.questions().size(); line++) {
                if (bench.questions().get(line).questionId() == asked.questionId()) {
                    lines.add(new Line(code, LanguageRegistry.palo().find(code).map(l -> l.isRightToLeft())
                            .orElse(false), bench.questions().get(line).text(), bench.answers().get(line).text(),
                            answer(answers, "baseline", code, asked.questionId()),
                            answer(answers, "palo", code, asked.questionId())));
                }
            }
        }
        return new AnswerBrowser(runId, index, questions.size(), asked.questionId(), asked.category(), lines);
    }

    private static String answer(RunAnswers.Answers answers, String arm, String language, int questionId) {
        return answers.byArm().getOrDefault(arm, Map.of()).getOrDefault(language, Map.of()).getOrDefault(questionId,
                "");
    }

    public String imageHref() {
        return "/runs/" + runId + "/results/images/" + questionId;
    }

    public int previous() {
        return Math.floorMod(index - 1, count);
    }

    public int next() {
        return Math.floorMod(index + 1, count);
    }
}
