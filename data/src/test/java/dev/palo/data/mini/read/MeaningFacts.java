package dev.palo.data.mini.read;

import dev.palo.data.mini.grammar.Grammar;
import dev.palo.data.mini.grammar.Meaning;
import dev.palo.data.mini.grammar.Slot;
import dev.palo.data.mini.world.Relation;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** What an answer meaning states, straight from the meaning: what the reader must read back from its text. */
final class MeaningFacts {
    private MeaningFacts() {
    }

    static Set<Fact> of(List<Meaning> meanings) {
        Set<Fact> facts = new TreeSet<>();
        meanings.forEach(m -> facts.addAll(of(m)));
        return facts;
    }

    static List<Fact> of(Meaning meaning) {
        Slot a = meaning.slots().get("a");
        return switch (meaning.intent()) {
            case TELL_COLOUR -> List.of(Fact.attribute(Fact.Kind.COLOUR, a.noun(), a.colour()));
            case TELL_WHERE -> List.of(Fact.attribute(Fact.Kind.POSITION, a.noun(), a.position()));
            case EXISTS_AT -> List.of(Fact.attribute(Fact.Kind.COLOUR, a.noun(), a.colour()),
                    Fact.attribute(Fact.Kind.SIZE, a.noun(), a.size()),
                    Fact.attribute(Fact.Kind.POSITION, a.noun(), a.position()));
            case TELL_COUNT -> {
                Slot s = meaning.slots().get("s");
                yield List.of(Fact.count(s.noun().equals(Grammar.SHAPE_NOUN) ? null : s.noun(), s.colour(), s.count()));
            }
            case TELL_BIGGER -> List.of(Fact.bigger(a.noun(), meaning.slots().get("b").noun()));
            case TELL_RELATION -> List.of(Fact.relation(a.noun(),
                    Relation.valueOf(meaning.relation().toUpperCase(Locale.ROOT)), meaning.slots().get("b").noun()));
            default -> throw new IllegalArgumentException("not an answer: " + meaning.intent());
        };
    }
}
