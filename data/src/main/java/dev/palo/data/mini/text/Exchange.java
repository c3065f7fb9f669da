package dev.palo.data.mini.text;

import dev.palo.data.mini.grammar.Meaning;
import java.util.List;

/** One human turn and the assistant's reply, each one or more sentences of meaning. */
public record Exchange(List<Meaning> question, List<Meaning> answer) {

    public Exchange {
        question = List.copyOf(question);
        answer = List.copyOf(answer);
    }
}
