package dev.palo.model.conversation;

import dev.palo.model.Constants;
import dev.palo.model.tokenizer.TextTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** The {@code <image>} placeholder, handled as LLaVA's {@code preprocess_multimodal} and {@code tokenizer_image_token}. */
public final class ImagePlaceholder {
    public static final String TOKEN = "<image>";

    private ImagePlaceholder() {
    }

    /** Moves the placeholder to the front of every turn that holds it: "{@code <image>}\n" + the rest, stripped. */
    public static List<ConversationTurn> moveToFront(List<ConversationTurn> turns) {
        List<ConversationTurn> moved = new ArrayList<>(turns.size());
        for (ConversationTurn turn : turns) {
            String value = turn.value();
            if (value.contains(TOKEN)) {
                value = (TOKEN + "\n" + value.replace(TOKEN, "").strip()).strip();
            }
            moved.add(new ConversationTurn(turn.from(), value));
        }
        return moved;
    }

    /**
     * Tokenizes each text chunk between placeholders on its own (bos kept only on the first chunk)
     * and puts {@link Constants#IMAGE_TOKEN_INDEX} between them.
     */
    public static long[] tokenize(String prompt, TextTokenizer tokenizer) {
        String[] chunks = prompt.split(java.util.regex.Pattern.quote(TOKEN), -1);
        LongStream.Builder ids = LongStream.builder();
        for (int c = 0; c < chunks.length; c++) {
            long[] chunk = tokenizer.encode(chunks[c], true);
            int from = chunk.length > 0 && chunk[0] == tokenizer.bosId() ? 1 : 0;
            if (c == 0 && from == 1) {
                ids.add(chunk[0]);
            }
            if (c > 0) {
                ids.add(Constants.IMAGE_TOKEN_INDEX);
            }
            for (int i = from; i < chunk.length; i++) {
                ids.add(chunk[i]);
            }
        }
        return ids.build().toArray();
    }
}
