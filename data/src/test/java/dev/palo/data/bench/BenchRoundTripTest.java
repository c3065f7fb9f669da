package dev.palo.data.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchRoundTripTest {

    private final LanguageRegistry registry = LanguageRegistry.palo();

    @Test
    void everyLanguageAndEveryLayoutVariantReadsBackWhatWasWritten(@TempDir Path root) throws IOException {
        BenchWriter writer = new BenchWriter(root);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        writer.writeImage("001.png", png);
        Set<BenchVariant> variants = EnumSet.noneOf(BenchVariant.class);
        for (Language language : registry.all()) {
            writer.write(sampleBench(language));
            variants.add(BenchVariant.of(language.benchLayout()));
        }
        assertEquals(EnumSet.allOf(BenchVariant.class), variants);

        BenchReader reader = new BenchReader(root, registry);
        assertEquals(List.copyOf(registry.all()), reader.languages());
        for (Language language : registry.all()) {
            LanguageBench read = reader.read(language);
            assertEquals(sampleBench(language), read);
            assertArrayEquals(png, Files.readAllBytes(reader.image(read.questions().get(0))));
        }
    }

    @Test
    void filesLandWherePalosEvalScriptLooks(@TempDir Path root) throws IOException {
        BenchWriter writer = new BenchWriter(root);
        for (Language language : registry.all()) {
            writer.write(sampleBench(language));
        }
        // the paths of mbzuai-oryx/PALO scripts/eval/eval_all_languages.sh
        for (String path : List.of("english/questions.jsonl", "english/answers_gpt4.jsonl", "english/context.jsonl",
                "french/question.jsonl", "french/answers.jsonl", "french/context.jsonl",
                "urdu/corrected/question.jsonl", "urdu/corrected/answers.jsonl", "urdu/corrected/context.jsonl",
                "chinese/corrected/question.jsonl", "japanese/corrected/context.jsonl")) {
            assertTrue(Files.isRegularFile(root.resolve(path)), path);
        }
        String firstLine = Files.readAllLines(root.resolve("english/questions.jsonl"), StandardCharsets.UTF_8).get(0);
        assertTrue(firstLine.startsWith("{\"question_id\":0,\"image\":\"001.png\",\"text\":"), firstLine);
    }

    @Test
    void inconsistentBenchesAreRejectedNamingTheProblem() {
        Language english = registry.get("en");
        BenchQuestion question = new BenchQuestion(0, "001.png", "What is it?", "conv");
        BenchContext context = new BenchContext("001", "001.png", "A red square.");
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> new LanguageBench(english,
                List.of(question), List.of(BenchAnswer.reference(1, "What is it?", "A square.", "gold")), List.of(context)));
        assertTrue(mismatch.getMessage().contains("line 1 pairs question 0 with an answer to question 1"), mismatch.getMessage());

        IllegalArgumentException uncaptioned = assertThrows(IllegalArgumentException.class, () -> new LanguageBench(english,
                List.of(question), List.of(BenchAnswer.reference(0, "What is it?", "A square.", "gold")), List.of()));
        assertTrue(uncaptioned.getMessage().contains("'001.png' which has no context caption"), uncaptioned.getMessage());
    }

    @Test
    void aBadLineIsReportedWithFileAndLine(@TempDir Path root) throws IOException {
        Language french = registry.get("fr");
        new BenchWriter(root).write(sampleBench(french));
        Path questions = new BenchLayout(root).files(french).questions();
        Files.writeString(questions, Files.readString(questions) + "{\"question_id\": 9, \"image\": \"001.png\"}\n");

        IOException error = assertThrows(IOException.class, () -> new BenchReader(root, registry).read(french));
        assertTrue(error.getMessage().contains(questions + ": line 3"), error.getMessage());
        assertTrue(error.getMessage().contains("'text' is missing"), error.getMessage());
    }

    /** Two questions on one image, text marked with the language so a mix-up between languages would show. */
    private static LanguageBench sampleBench(Language language) {
        String tag = " [" + language.code() + "]";
        Map<String, JsonNode> extraField = Map.of("source", JsonNodeFactory.instance.textNode("gold"));
        List<BenchQuestion> questions = List.of(
                new BenchQuestion(0, "001.png", "What colour is the square?" + tag, "conv", extraField),
                new BenchQuestion(1, "001.png", "Describe the image." + tag, "detail"));
        List<BenchAnswer> answers = List.of(
                BenchAnswer.reference(0, questions.get(0).text(), "Red." + tag, "gold"),
                new BenchAnswer(1, questions.get(1).text(), "A red square." + tag, "a1", "gold",
                        JsonNodeFactory.instance.objectNode().put("seed", 7), Map.of()));
        return new LanguageBench(language, questions, answers, List.of(new BenchContext("001", "001.png", "A red square." + tag)));
    }
}
