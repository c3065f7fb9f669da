package dev.palo.activities.evaluate.report;

import dev.palo.activities.evaluate.LanguageScore;
import dev.palo.activities.evaluate.ScoresFile;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.workflows.evaluate.ScorerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The tables reported beside Table 1, in its layout: each scorer that scored every arm and language other than
 * the primary one (content, then chrF, then the judge), then the share of answers written in the question's
 * language. Scores files written before these figures existed give none.
 */
public final class Table1Report {
    public static final String IN_LANGUAGE = "in_language";

    /**
     * @param key    what the figures are (a scorer kind, or {@link #IN_LANGUAGE}): the prefix of their metrics
     * @param title  the table's heading
     * @param scorer what made the figures, in words
     */
    public record Other(String key, String title, String scorer, Table1 table) {
    }

    private Table1Report() {
    }

    public static List<Other> others(List<ScoresFile> arms, LanguageRegistry registry) {
        List<Other> others = new ArrayList<>();
        Stream.concat(ScorerConfig.OFFLINE.stream(), Stream.of(ScorerConfig.JUDGE))
                .filter(kind -> arms.stream().noneMatch(arm -> kind.equals(arm.scorer())))
                .filter(kind -> all(arms, score -> score.scores().containsKey(kind)))
                .forEach(kind -> others.add(new Other(kind, "Beside Table 1: relative score (%), " + kind + " scorer",
                        kind, Table1.of(arms, registry, score -> score.scores().get(kind)))));
        if (all(arms, score -> score.inLanguage() != null)) {
            others.add(new Other(IN_LANGUAGE, "Beside Table 1: answers written in the question's language (%),"
                    + " Lingua", "in-language (Lingua)", Table1.of(arms, registry, LanguageScore::inLanguage)));
        }
        return others;
    }

    private static boolean all(List<ScoresFile> arms, Predicate<LanguageScore> test) {
        return arms.stream().flatMap(arm -> arm.languages().stream()).allMatch(test);
    }
}
