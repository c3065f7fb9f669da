package dev.palo.data.mini.read;

import dev.palo.data.mini.world.Scene;
import java.util.Set;
import java.util.TreeSet;

/**
 * Grades what an answer states against the scene it is about, whatever language either is written in: the gold
 * answer's facts are what the question asks for, the scene decides which of the answer's facts are false.
 */
public final class ContentGrader {
    private final FactReader reader;

    public ContentGrader(FactReader reader) {
        this.reader = reader;
    }

    public ContentGrade grade(String gold, String answer, Scene scene) {
        Set<Fact> goldFacts = reader.read(gold);
        if (goldFacts.isEmpty()) {
            throw new IllegalArgumentException("the gold answer states no fact the PALO-mini reader knows: '" + gold + "'");
        }
        Set<Fact> answerFacts = reader.read(answer);
        int stated = (int) goldFacts.stream().filter(answerFacts::contains).count();
        Set<Fact> contradicted = new TreeSet<>();
        answerFacts.stream().filter(f -> !SceneFacts.holds(f, scene)).forEach(contradicted::add);
        return new ContentGrade(goldFacts, answerFacts, stated, contradicted);
    }
}
