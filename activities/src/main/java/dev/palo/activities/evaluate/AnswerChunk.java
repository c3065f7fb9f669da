package dev.palo.activities.evaluate;

import dev.palo.data.bench.BenchQuestion;
import java.util.List;

/**
 * Questions decoded together and committed as one object: the unit of resume.
 *
 * @param number    position among every chunk of the stage (the heartbeat counts these)
 * @param language  language code
 * @param index     position among the language's chunks
 * @param questions the language's questions in bench order
 */
record AnswerChunk(int number, String language, int index, List<BenchQuestion> questions) {
}
