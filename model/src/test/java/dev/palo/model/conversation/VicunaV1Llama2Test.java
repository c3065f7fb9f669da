package dev.palo.model.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.model.Constants;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.Llama2Tokenizer;
import dev.palo.model.tokenizer.TextTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * LLaVA's preprocess_v1 / preprocess_plain output for the Llama-2 tokenizer, worked out by hand token
 * by token: the pieces are SentencePiece's legacy tokenization of each text chunk (a "▁" prefix on
 * every chunk, also after {@code </s>} and {@code <image>}); "IMG" is IMAGE_TOKEN_INDEX and "-" in a
 * label row is IGNORE_INDEX.
 */
class VicunaV1Llama2Test {

    static final List<String> SYSTEM = List.of("<s>", "▁A", "▁chat", "▁between", "▁a", "▁curious", "▁user", "▁and",
            "▁an", "▁artificial", "▁intelligence", "▁assistant", ".", "▁The", "▁assistant", "▁gives", "▁helpful", ",",
            "▁detailed", ",", "▁and", "▁pol", "ite", "▁answers", "▁to", "▁the", "▁user", "'", "s", "▁questions", ".");

    static TextTokenizer tokenizer;
    static JsonNode vocab;

    @BeforeAll
    static void load() throws Exception {
        tokenizer = HuggingFaceTextTokenizer.load(Llama2Tokenizer.path());
        vocab = new ObjectMapper().readTree(Llama2Tokenizer.path().toFile()).path("model").path("vocab");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    static final List<ConversationTurn> TWO_ROUNDS = List.of(
            ConversationTurn.human("What colour is the circle?"), ConversationTurn.gpt("Red."),
            ConversationTurn.human("Where is it?"), ConversationTurn.gpt("On the left."));

    // after the system prompt: " USER: What colour is the circle? ASSISTANT: Red.</s>USER: Where is it? ASSISTANT: On the left.</s>"
    static final List<String> TWO_ROUNDS_INPUT = List.of(
            "▁US", "ER", ":", "▁What", "▁colour", "▁is", "▁the", "▁circle", "?", "▁A", "SS", "IST", "ANT", ":",
            "▁Red", ".", "</s>",
            "▁US", "ER", ":", "▁Where", "▁is", "▁it", "?", "▁A", "SS", "IST", "ANT", ":",
            "▁On", "▁the", "▁left", ".", "</s>");
    static final List<String> TWO_ROUNDS_LABELS = List.of(
            "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-",
            "▁Red", ".", "</s>",
            "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-",
            "▁On", "▁the", "▁left", ".", "</s>");

    @Test
    void multiTurnSupervisesOnlyRepliesAndEos() {
        TokenizedConversation out = ConversationTemplates.get("vicuna_v1").tokenize(TWO_ROUNDS, tokenizer, 2048);
        assertArrayEquals(ids(concat(SYSTEM, TWO_ROUNDS_INPUT)), out.inputIds());
        assertArrayEquals(ids(concat(masked(SYSTEM.size()), TWO_ROUNDS_LABELS)), out.labels());
    }

    @Test
    void imageMidTurnMovesToTheFront() {
        List<ConversationTurn> turns = List.of(
                ConversationTurn.human("What is this? <image> Answer briefly."), ConversationTurn.gpt("A red circle."));
        // the turn becomes "<image>\nWhat is this?  Answer briefly." (LLaVA keeps the double space);
        // "USER: " ends in a lone "▁" and the chunk after the image starts with one
        List<String> input = List.of("▁US", "ER", ":", "▁", "IMG", "▁", "<0x0A>", "What", "▁is", "▁this", "?", "▁",
                "▁Answer", "▁briefly", ".", "▁A", "SS", "IST", "ANT", ":", "▁A", "▁red", "▁circle", ".", "</s>");
        List<String> labels = List.of("-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-",
                "-", "-", "-", "-", "-", "-", "-", "-", "▁A", "▁red", "▁circle", ".", "</s>");
        TokenizedConversation out = ConversationTemplates.get("vicuna_v1").tokenize(turns, tokenizer, 2048);
        assertArrayEquals(ids(concat(SYSTEM, input)), out.inputIds());
        assertArrayEquals(ids(concat(masked(SYSTEM.size()), labels)), out.labels());
    }

    @Test
    void truncationKeepsLabelsAligned() {
        int maxLength = SYSTEM.size() + 31; // cuts the second reply after "▁On", "▁the"
        TokenizedConversation out = ConversationTemplates.get("vicuna_v1").tokenize(TWO_ROUNDS, tokenizer, maxLength);
        assertArrayEquals(ids(concat(SYSTEM, TWO_ROUNDS_INPUT.subList(0, 31))), out.inputIds());
        List<String> labels = concat(masked(SYSTEM.size()), TWO_ROUNDS_LABELS.subList(0, 31));
        assertEquals(List.of("▁On", "▁the"), labels.subList(labels.size() - 2, labels.size()));
        assertArrayEquals(ids(labels), out.labels());
    }

    @Test
    void leadingAssistantTurnIsDropped() {
        List<ConversationTurn> turns = new ArrayList<>();
        turns.add(ConversationTurn.gpt("Hello."));
        turns.addAll(TWO_ROUNDS);
        ConversationTemplate template = ConversationTemplates.get("vicuna_v1");
        assertArrayEquals(template.tokenize(TWO_ROUNDS, tokenizer, 2048).labels(), template.tokenize(turns, tokenizer, 2048).labels());
    }

    @Test
    void plainSupervisesTheCaptionOnly() {
        List<ConversationTurn> turns = List.of(
                ConversationTurn.human("Describe the image.\n<image>"), ConversationTurn.gpt("A red circle."));
        TokenizedConversation out = ConversationTemplates.get("plain").tokenize(turns, tokenizer, 2048);
        assertArrayEquals(ids(List.of("<s>", "IMG", "▁A", "▁red", "▁circle", ".", "<0x0A>")), out.inputIds());
        assertArrayEquals(ids(List.of("-", "-", "▁A", "▁red", "▁circle", ".", "<0x0A>")), out.labels());
    }

    @Test
    void generationPromptOpensTheAssistantTurn() {
        String prompt = ConversationTemplates.get("vicuna_v1").generationPrompt(List.of(ConversationTurn.human("Hi <image>")));
        assertEquals(VicunaV1Template.SYSTEM + " USER: <image>\nHi ASSISTANT:", prompt);
    }

    @Test
    void badInputIsRejectedByName() {
        assertThrows(IllegalArgumentException.class, () -> ConversationTemplates.get("chatml"));
        List<ConversationTurn> twoHumans = List.of(ConversationTurn.human("a"), ConversationTurn.human("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConversationTemplates.get("vicuna_v1").tokenize(twoHumans, tokenizer, 2048));
        assertEquals("conversation turn 1 is from 'human' but turns must alternate human/gpt", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConversationTemplates.get("plain")
                .tokenize(List.of(ConversationTurn.human("no image"), ConversationTurn.gpt("x")), tokenizer, 2048));
    }

    static List<String> masked(int n) {
        return java.util.Collections.nCopies(n, "-");
    }

    static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    static long[] ids(List<String> pieces) {
        return pieces.stream().mapToLong(p -> switch (p) {
            case "-" -> Constants.IGNORE_INDEX;
            case "IMG" -> Constants.IMAGE_TOKEN_INDEX;
            case "<s>" -> tokenizer.bosId();
            case "</s>" -> tokenizer.eosId();
            default -> {
                JsonNode id = vocab.get(p);
                if (id == null) {
                    throw new IllegalArgumentException("piece not in the Llama-2 vocabulary: " + p + " in " + Arrays.toString(pieces.toArray()));
                }
                yield id.asLong();
            }
        }).toArray();
    }
}
