package dev.palo.model.conversation;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Templates by LLaVA's names: {@code vicuna_v1} for instruction tuning, {@code plain} for projector pretraining. */
public final class ConversationTemplates {

    private static final Map<String, ConversationTemplate> BY_NAME = new TreeMap<>(Map.of(
            VicunaV1Template.NAME, new VicunaV1Template(),
            PlainTemplate.NAME, new PlainTemplate()));

    private ConversationTemplates() {
    }

    /** Every template, by name. */
    public static Collection<ConversationTemplate> all() {
        return BY_NAME.values();
    }

    public static ConversationTemplate get(String name) {
        ConversationTemplate template = BY_NAME.get(name);
        if (template == null) {
            throw new IllegalArgumentException("unknown conversation template '" + name + "'; known: " + BY_NAME.keySet());
        }
        return template;
    }
}
