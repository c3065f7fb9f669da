package dev.palo.model.base;

import dev.palo.model.conversation.ConversationTemplate;
import dev.palo.model.conversation.ConversationTemplates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the base tokenizer learns from: the corpus, then the fixed text of every chat template once per
 * corpus line. Every fine-tune sample carries that text (vicuna_v1's system prompt and role names), so
 * the model's tokenizer must know its words, as a real LM's tokenizer knows common English; learned
 * from the corpus alone, the system prompt would be ~100 single-character tokens of each sample.
 */
final class TokenizerText {
    private TokenizerText() {
    }

    static List<String> of(List<String> corpus) {
        List<String> text = new ArrayList<>(corpus);
        for (ConversationTemplate template : ConversationTemplates.all()) {
            if (!template.fixedText().isEmpty()) {
                text.addAll(Collections.nCopies(corpus.size(), template.fixedText()));
            }
        }
        return text;
    }
}
