package dev.palo.data.mini;

import dev.palo.data.lang.Language;
import dev.palo.data.lang.Punctuation;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.Turn;
import dev.palo.data.mini.grammar.Grammar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reading and checking gold text the way a reviewer would: by sentence, by word, by punctuation mark. */
final class GoldText {

    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{M}]+");
    private static final Pattern LATIN_LETTERS = Pattern.compile("\\p{IsLatin}+");

    private GoldText() {
    }

    /**
     * Every turn text of a gold file's image records, without the image placeholder. The English set's text-only share
     * is in several languages by design and is read by {@code TextOnlyShareTest}.
     */
    static List<String> turns(Path goldFile) throws IOException {
        List<String> texts = new ArrayList<>();
        for (LlavaRecord record : TinyWorld.records(goldFile)) {
            if (!record.hasImage()) {
                continue;
            }
            record.conversations().forEach(turn -> texts.add(turn.value().replace(Turn.IMAGE_TOKEN + "\n", "")));
        }
        return texts;
    }

    /** A text cut after each of the language's sentence-final marks. */
    static List<String> sentences(String text, Language language) {
        Punctuation p = language.punctuation();
        String marks = Pattern.quote(p.fullStop()) + "|" + Pattern.quote(p.questionMark());
        List<String> sentences = new ArrayList<>();
        for (String sentence : text.split("(?<=" + marks + ")")) {
            if (!sentence.isBlank()) {
                sentences.add(sentence.strip());
            }
        }
        return sentences;
    }

    /**
     * English words of the world's vocabulary found in a text of another language. Words the language spells the
     * same way (French "triangle") are its own; in a script without Latin letters any Latin word counts.
     */
    static Set<String> englishWords(String text, Grammar english, Grammar target) {
        Set<String> found = new TreeSet<>();
        Set<String> own = target.vocabulary();
        for (String word : WORD_BREAK.split(text.toLowerCase(Locale.ROOT))) {
            if (english.vocabulary().contains(word) && !own.contains(word)) {
                found.add(word);
            }
        }
        if (!own.stream().anyMatch(word -> LATIN_LETTERS.matcher(word).find())) {
            var latin = LATIN_LETTERS.matcher(text);
            while (latin.find()) {
                found.add(latin.group());
            }
        }
        return found;
    }

    /** What is wrong with a gold sentence's punctuation for its language, or null if nothing. */
    static String punctuationProblem(String sentence, Language language) {
        Punctuation p = language.punctuation();
        boolean question = sentence.endsWith(p.questionMark());
        if (!question && !sentence.endsWith(p.fullStop())) {
            return "does not end with '" + p.fullStop() + "' or '" + p.questionMark() + "'";
        }
        for (String[] pair : new String[][] {{p.comma(), ","}, {p.fullStop(), "."}, {p.questionMark(), "?"}}) {
            if (!pair[0].equals(pair[1]) && sentence.contains(pair[1])) {
                return "contains Latin '" + pair[1] + "' where the language writes '" + pair[0] + "'";
            }
        }
        if (question && p.openingQuestionMark() != null && !sentence.startsWith(p.openingQuestionMark())) {
            return "question without opening '" + p.openingQuestionMark() + "'";
        }
        if (question && !sentence.endsWith(p.spaceBeforeQuestionMark() + p.questionMark())) {
            return "question mark without the language's spacing";
        }
        String unspaced = p.fullStop() + p.comma() + (p.spaceBeforeQuestionMark().isEmpty() ? p.questionMark() : "");
        if (Pattern.compile("\\s[" + Pattern.quote(unspaced) + "]").matcher(sentence).find()) {
            return "space before a mark that takes none";
        }
        return null;
    }
}
