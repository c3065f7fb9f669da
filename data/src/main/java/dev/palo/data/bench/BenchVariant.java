package dev.palo.data.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three file layouts of PALO's multilingual LLaVA-Bench, as its {@code scripts/eval/eval_all_languages.sh}
 * reads them: English keeps LLaVA's original names, French has flat translated files, the other eight keep
 * their human-corrected files under {@code corrected/}. A language names its variant in {@code languages.json}.
 */
public enum BenchVariant {
    ORIGINAL("", "questions.jsonl", "answers_gpt4.jsonl", "context.jsonl"),
    FLAT("", "question.jsonl", "answers.jsonl", "context.jsonl"),
    CORRECTED("corrected", "question.jsonl", "answers.jsonl", "context.jsonl");

    private final String subfolder;
    private final String questions;
    private final String answers;
    private final String context;

    BenchVariant(String subfolder, String questions, String answers, String context) {
        this.subfolder = subfolder;
        this.questions = questions;
        this.answers = answers;
        this.context = context;
    }

    /** The variant named by a language entry's {@code benchLayout} ({@code original}, {@code flat}, {@code corrected}). */
    public static BenchVariant of(String key) {
        try {
            return valueOf(key.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown bench layout '" + key + "'; known layouts: " + Arrays.stream(values())
                    .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }

    String subfolder() {
        return subfolder;
    }

    String questions() {
        return questions;
    }

    String answers() {
        return answers;
    }

    String context() {
        return context;
    }
}
