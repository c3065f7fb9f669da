package dev.palo.model.conversation;

import dev.palo.model.Constants;
import dev.palo.model.tokenizer.TextTokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * LLaVA's {@code preprocess_plain} for projector pretraining: the prompt is {@code <image>} + caption + "\n"
 * (whatever else the human turn said is dropped) and only the caption and the newline are supervised.
 */
final class PlainTemplate implements ConversationTemplate {
    static final String NAME = "plain";
    private static final String SEPARATOR = "\n";

    /** Plain joins the turns with newlines and adds nothing else. */
    @Override
    public String fixedText() {
        return "";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TokenizedConversation tokenize(List<ConversationTurn> turns, TextTokenizer tokenizer, int modelMaxLength) {
        if (turns.size() != 2 || !turns.get(0).value().contains(ImagePlaceholder.TOKEN)) {
            throw new IllegalArgumentException("plain template needs exactly 2 turns, the first holding "
                    + ImagePlaceholder.TOKEN + "; got " + turns.size() + " turns");
        }
        long[] ids = ImagePlaceholder.tokenize(ImagePlaceholder.TOKEN + turns.get(1).value() + SEPARATOR, tokenizer);
        long[] labels = ids.clone();
        int promptLength = Math.min(labels.length, ImagePlaceholder.tokenize(ImagePlaceholder.TOKEN, tokenizer).length);
        Arrays.fill(labels, 0, promptLength, Constants.IGNORE_INDEX);
        return new TokenizedConversation(ids, labels).truncate(modelMaxLength);
    }

    @Override
    public String generationPrompt(List<ConversationTurn> turns) {
        return ImagePlaceholder.TOKEN;
    }
}
