package dev.palo.activities.evaluate;

import java.util.List;

/**
 * {@code scores.json}, the score stage's output: one arm's relative scores per language.
 *
 * @param arm       arm code ({@code baseline}, {@code palo})
 * @param scorer    the primary scorer: {@code content}, {@code reference} (chrF) or {@code judge}
 * @param judge     the judge model, or null for an offline scorer
 * @param languages per language, in the requested order
 */
public record ScoresFile(String arm, String scorer, String judge, List<LanguageScore> languages) {
    public ScoresFile {
        languages = List.copyOf(languages);
    }
}
