package dev.palo.data.mini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.palo.data.bench.BenchReader;
import dev.palo.data.bench.LanguageBench;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import dev.palo.data.mini.grammar.Grammar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gold translations of every instruction and caption, and the bench, read as a native reviewer and a language
 * identifier would read them.
 */
class GoldTextTest {

    private static final int MIN_CHARS = 20;
    private static final double MIN_IDENTIFIED = 0.99;
    private static final LanguageRegistry REGISTRY = LanguageRegistry.palo();
    private static Map<Language, List<String>> gold;
    /** Whole turns as well as sentences: Chinese and Japanese sentences are rarely 20 characters long. */
    private static Map<Language, List<String>> turns;

    @BeforeAll
    static void readGold() throws IOException {
        gold = new TreeMap<>((a, b) -> a.code().compareTo(b.code()));
        turns = new TreeMap<>((a, b) -> a.code().compareTo(b.code()));
        Path root = TinyWorld.root();
        for (Language language : TinyWorld.languages()) {
            boolean english = language.code().equals(MiniGenerator.ENGLISH);
            Path instructions = root.resolve(english ? "instruct/english.json" : "gold/" + language.code() + ".json");
            Path captions = root.resolve(english ? "pretrain/captions.json" : "pretrain/gold/" + language.code() + ".json");
            List<String> sentences = new ArrayList<>();
            List<String> texts = new ArrayList<>(GoldText.turns(instructions));
            texts.addAll(GoldText.turns(captions));
            LanguageBench bench = new BenchReader(root.resolve("bench"), REGISTRY).read(language);
            bench.answers().forEach(answer -> texts.add(answer.text()));
            bench.questions().forEach(question -> texts.add(question.text()));
            bench.contexts().forEach(context -> texts.add(context.caption()));
            texts.forEach(turn -> sentences.addAll(GoldText.sentences(turn, language)));
            gold.put(language, sentences);
            turns.put(language, texts);
        }
    }

    @Test
    void linguaIdentifiesTheIntendedLanguageOfAtLeast99PercentOfSentences() {
        LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(TinyWorld.languages().stream()
                .map(Language::linguaLanguage).toArray(com.github.pemistahl.lingua.api.Language[]::new))
                .withPreloadedLanguageModels().build();
        Map<String, String> rates = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        gold.forEach((language, sentences) -> {
            List<String> long_ = java.util.stream.Stream.concat(sentences.stream(), turns.get(language).stream())
                    .filter(s -> s.length() >= MIN_CHARS).distinct().toList();
            long identified = long_.stream()
                    .filter(s -> detector.detectLanguageOf(s) == language.linguaLanguage()).count();
            double rate = (double) identified / long_.size();
            rates.put(language.code(), String.format(Locale.ROOT, "%.4f (%d/%d)", rate, identified, long_.size()));
            if (long_.isEmpty() || rate < MIN_IDENTIFIED) {
                failures.add(language.code());
            }
        });
        System.out.println("Lingua identification rate of distinct gold sentences and turns >= " + MIN_CHARS + " chars: " + rates);
        assertTrue(failures.isEmpty(), "below " + MIN_IDENTIFIED + ": " + failures + " in " + rates);
    }

    @Test
    void noGoldTextOfAnotherLanguageContainsAnEnglishWordOfTheWorld() {
        Grammar english = Grammar.forLanguage(MiniGenerator.ENGLISH);
        gold.forEach((language, sentences) -> {
            if (language.code().equals(MiniGenerator.ENGLISH)) {
                return;
            }
            Grammar grammar = Grammar.forLanguage(language.code());
            for (String sentence : sentences) {
                assertEquals(List.of(), List.copyOf(GoldText.englishWords(sentence, english, grammar)),
                        language.code() + ": " + sentence);
            }
        });
    }

    @Test
    void everyGoldSentenceUsesItsLanguagesPunctuation() {
        gold.forEach((language, sentences) -> {
            for (String sentence : sentences) {
                assertEquals(null, GoldText.punctuationProblem(sentence, language), language.code() + ": " + sentence);
            }
        });
    }

    @Test
    void rightToLeftGoldIsInArabicScript() {
        gold.forEach((language, sentences) -> {
            if (language.isRightToLeft()) {
                for (String sentence : sentences) {
                    assertTrue(sentence.codePoints().filter(Character::isLetter)
                            .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC), sentence);
                }
            }
        });
    }
}
