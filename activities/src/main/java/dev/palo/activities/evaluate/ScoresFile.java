package dev.palo.activities.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code scores.json}, the score stage's output: one arm's relative scores per language.
 *
 * @param arm       arm code ({@code baseline}, {@code palo})
 * @param scorer    the primary scorer: {@code content}, {@code reference} (chrF) or {@code judge}
 * @param judge     the judge model, or null for an offline scorer
 * @param languages per language, in the requested order
 * @param bench     the bench scored where it is not the test bench ({@code validation}); absent for the test bench
 */
public record ScoresFile(String arm, String scorer, String judge, List<LanguageScore> languages,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String bench) {
    public ScoresFile {
        languages = List.copyOf(languages);
    }

    public ScoresFile(String arm, String scorer, String judge, List<LanguageScore> languages) {
        this(arm, scorer, judge, languages, null);
    }
}
