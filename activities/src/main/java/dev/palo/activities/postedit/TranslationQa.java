package dev.palo.activities.postedit;

import com.github.pemistahl.lingua.api.LanguageDetector;
import dev.palo.data.lang.Language;
import dev.palo.data.llava.Turn;
import dev.palo.workflows.postedit.QaConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks one translated sample against its English source, turn by turn (targets are never English). */
final class TranslationQa {
    private static final Pattern SPAN = Pattern.compile("<[^<>]*>");
    private static final com.github.pemistahl.lingua.api.Language ENGLISH =
            com.github.pemistahl.lingua.api.Language.ENGLISH;
    private static final com.github.pemistahl.lingua.api.Language UNSURE =
            com.github.pemistahl.lingua.api.Language.UNKNOWN;

    private final Language target;
    private final QaConfig config;
    private final LanguageDetector detector;

    TranslationQa(Language target, QaConfig config, LanguageDetector detector) {
        this.target = target;
        this.config = config;
        this.detector = detector;
    }

    Set<QaReason> check(List<Turn> english, List<Turn> translated) {
        Set<QaReason> reasons = EnumSet.noneOf(QaReason.class);
        if (english.size() != translated.size()) {
            reasons.add(QaReason.PLACEHOLDERS_CHANGED);
            return reasons;
        }
        for (int i = 0; i < english.size(); i++) {
            checkTurn(english.get(i).value(), translated.get(i).value(), reasons);
        }
        return reasons;
    }

    private void checkTurn(String english, String translated, Set<QaReason> reasons) {
        if (spans(english) != spans(translated) || images(english) != images(translated)) {
            reasons.add(QaReason.PLACEHOLDERS_CHANGED);
        }
        String source = prose(english);
        String text = prose(translated);
        int sourceLetters = letters(source);
        int letters = letters(text);
        if (sourceLetters > 0 && text.equals(source)) {
            reasons.add(QaReason.UNTRANSLATED);
            return;
        }
        if (letters > 0 && (double) lettersInScripts(text) / letters < config.minScriptShare()) {
            reasons.add(QaReason.WRONG_SCRIPT);
        }
        if (sourceLetters >= config.minLettersToCheck()) {
            double ratio = (double) text.codePointCount(0, text.length()) / source.codePointCount(0, source.length());
            if (ratio < config.minLengthRatio() || ratio > config.maxLengthRatio()) {
                reasons.add(QaReason.LENGTH_RATIO);
            }
        }
        if (letters >= config.minLettersToCheck()) {
            var detected = detector.detectLanguageOf(text);
            if (detected == ENGLISH) {
                reasons.add(QaReason.UNTRANSLATED);
            } else if (detected != UNSURE && detected != target.linguaLanguage()) {
                reasons.add(QaReason.WRONG_LANGUAGE);
            }
        }
    }

    /** The words of a turn: spans such as {@code <image>} removed, whitespace collapsed. */
    private static String prose(String value) {
        return SPAN.matcher(value).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }

    private static long spans(String value) {
        return SPAN.matcher(value).results().count();
    }

    private static int images(String value) {
        return value.split(Pattern.quote(Turn.IMAGE_TOKEN), -1).length - 1;
    }

    private static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetter).count();
    }

    private int lettersInScripts(String text) {
        return (int) text.codePoints().filter(Character::isLetter)
                .filter(c -> target.scripts().contains(Character.UnicodeScript.of(c))).count();
    }
}
