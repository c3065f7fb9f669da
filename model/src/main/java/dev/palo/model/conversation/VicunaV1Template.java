package dev.palo.model.conversation;

import dev.palo.model.Constants;
import dev.palo.model.tokenizer.TextTokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LLaVA's {@code conv_vicuna_v1} prompt and {@code preprocess_v1} label mask: only assistant replies
 * and their {@code </s>} are supervised. The mask is computed as LLaVA does, by re-tokenizing each
 * round and its instruction: the {@code -2} on the instruction drops the bos and the stray "▁" that
 * "ASSISTANT: " ends with; for non-legacy tokenizers rounds after the first are one token shorter.
 * The platform's own tokenizers (Llama-2's and those {@code BpeTrainer} writes) are legacy; a release imported with
 * {@code legacy} false (LLaVA-1.5's, Vicuna v1.5's SentencePiece tokenizer) takes that branch, as
 * {@code SentencePieceImportTest} checks. A round whose lengths disagree with the whole conversation's
 * tokenization masks the whole sample and logs a warning, as LLaVA does.
 */
final class VicunaV1Template implements ConversationTemplate {
    static final String NAME = "vicuna_v1";
    static final String SYSTEM = "A chat between a curious user and an artificial intelligence assistant. "
            + "The assistant gives helpful, detailed, and polite answers to the user's questions.";
    static final String USER = "USER";
    static final String ASSISTANT = "ASSISTANT";
    static final String SEP = " ";
    static final String SEP2 = "</s>";
    private static final System.Logger LOG = System.getLogger(VicunaV1Template.class.getName());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String fixedText() {
        return SYSTEM + SEP + USER + ": " + ASSISTANT + ":";
    }

    @Override
    public TokenizedConversation tokenize(List<ConversationTurn> turns, TextTokenizer tokenizer, int modelMaxLength) {
        String prompt = prompt(startingWithHuman(ImagePlaceholder.moveToFront(turns)), false);
        long[] ids = ImagePlaceholder.tokenize(prompt, tokenizer);
        long[] labels = ids.clone();
        long totalLength = Arrays.stream(ids).filter(id -> id != tokenizer.padId()).count();
        String replySeparator = SEP + ASSISTANT + ": ";
        int cursor = 1;
        mask(labels, 0, cursor);
        String[] rounds = prompt.split(Pattern.quote(SEP2), -1);
        for (int i = 0; i < rounds.length; i++) {
            if (rounds[i].isEmpty()) {
                break;
            }
            String[] parts = rounds[i].split(Pattern.quote(replySeparator), -1);
            if (parts.length != 2) {
                break;
            }
            int roundLength = ImagePlaceholder.tokenize(rounds[i], tokenizer).length;
            int instructionLength = ImagePlaceholder.tokenize(parts[0] + replySeparator, tokenizer).length - 2;
            if (i != 0 && !tokenizer.legacy()) {
                roundLength--;
                instructionLength--;
            }
            mask(labels, cursor, cursor + instructionLength);
            cursor += roundLength;
        }
        mask(labels, cursor, labels.length);
        if (cursor < modelMaxLength && cursor != totalLength) {
            LOG.log(System.Logger.Level.WARNING, "tokenization mismatch: {0} vs. {1} (sample ignored)", cursor, totalLength);
            mask(labels, 0, labels.length);
        }
        return new TokenizedConversation(ids, labels).truncate(modelMaxLength);
    }

    @Override
    public String generationPrompt(List<ConversationTurn> turns) {
        List<ConversationTurn> conversation = startingWithHuman(ImagePlaceholder.moveToFront(turns));
        if (conversation.isEmpty() || !conversation.get(conversation.size() - 1).from().equals(ConversationTurn.HUMAN)) {
            throw new IllegalArgumentException("a generation prompt needs a conversation ending with a human turn");
        }
        return prompt(conversation, true);
    }

    /** SeparatorStyle.TWO: system, then "ROLE: message" closed by " " (user) or "</s>" (assistant). */
    static String prompt(List<ConversationTurn> turns, boolean openAssistantTurn) {
        StringBuilder text = new StringBuilder(SYSTEM).append(SEP);
        for (int i = 0; i < turns.size(); i++) {
            String role = i % 2 == 0 ? USER : ASSISTANT;
            String expected = i % 2 == 0 ? ConversationTurn.HUMAN : ConversationTurn.GPT;
            if (!turns.get(i).from().equals(expected)) {
                throw new IllegalArgumentException("conversation turn " + i + " is from '" + turns.get(i).from()
                        + "' but turns must alternate human/gpt");
            }
            text.append(role).append(": ").append(turns.get(i).value()).append(i % 2 == 0 ? SEP : SEP2);
        }
        if (openAssistantTurn) {
            text.append(ASSISTANT).append(":");
        }
        return text.toString();
    }

    /** LLaVA drops a leading assistant turn. */
    private static List<ConversationTurn> startingWithHuman(List<ConversationTurn> turns) {
        return !turns.isEmpty() && turns.get(0).from().equals(ConversationTurn.GPT) ? turns.subList(1, turns.size()) : turns;
    }

    private static void mask(long[] labels, int from, int to) {
        Arrays.fill(labels, Math.min(from, labels.length), Math.min(Math.max(from, to), labels.length), Constants.IGNORE_INDEX);
    }
}
