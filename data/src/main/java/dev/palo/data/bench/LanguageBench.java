package dev.palo.data.bench;

import dev.palo.data.lang.Language;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One language's bench: questions, the reference answer for each (same order, as LLaVA's judge zips the two files
 * line by line) and a context caption for every image the questions ask about.
 */
public record LanguageBench(
        Language language,
        List<BenchQuestion> questions,
        List<BenchAnswer> answers,
        List<BenchContext> contexts) {

    public LanguageBench {
        Objects.requireNonNull(language, "bench language is null");
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        contexts = List.copyOf(contexts);
        String where = language.name() + " bench: ";
        if (questions.size() != answers.size()) {
            throw new IllegalArgumentException(where + questions.size() + " questions but " + answers.size()
                    + " answers; the judge pairs them line by line");
        }
        Set<String> captioned = new HashSet<>();
        contexts.forEach(context -> captioned.add(context.image()));
        for (int line = 0; line < questions.size(); line++) {
            BenchQuestion question = questions.get(line);
            if (answers.get(line).questionId() != question.questionId()) {
                throw new IllegalArgumentException(where + "line " + (line + 1) + " pairs question "
                        + question.questionId() + " with an answer to question " + answers.get(line).questionId());
            }
            if (!captioned.contains(question.image())) {
                throw new IllegalArgumentException(where + "question " + question.questionId() + " asks about image '"
                        + question.image() + "' which has no context caption");
            }
        }
    }
}
