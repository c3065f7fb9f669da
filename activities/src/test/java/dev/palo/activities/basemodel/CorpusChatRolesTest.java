package dev.palo.activities.basemodel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.data.mini.corpus.BaseLmCorpus;
import dev.palo.model.conversation.ConversationTemplates;
import dev.palo.model.conversation.ConversationTurn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The base LM's corpus writes its exchanges in the roles of the fine-tune's template ({@code data} cannot see
 * {@code model}, so the role strings are written twice): if the template's roles changed, the corpus would teach
 * answers after a prompt the fine-tune never shows.
 */
class CorpusChatRolesTest {

    @Test
    void theCorpusExchangeIsTheFineTuneTemplatesPromptWithoutItsSystemSentence() {
        String question = "What colour is the circle?";
        String prompt = ConversationTemplates.get("vicuna_v1").generationPrompt(List.of(ConversationTurn.human(question)));
        String corpusPrompt = BaseLmCorpus.USER + question + BaseLmCorpus.ASSISTANT.stripTrailing();
        assertTrue(prompt.endsWith(" " + corpusPrompt), "template prompt '" + prompt + "' vs corpus '" + corpusPrompt + "'");
    }
}
