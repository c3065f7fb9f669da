package dev.palo.model.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MicroBatchesTest {

    private static TrainingSample ofLength(int length) {
        return new TrainingSample(new long[length], new long[length], null);
    }

    @Test
    void groupsTheGlobalBatchByLengthStably() {
        TrainingSample a = ofLength(9);
        TrainingSample b = ofLength(2);
        TrainingSample c = ofLength(7);
        TrainingSample d = ofLength(2);
        List<List<TrainingSample>> micro = MicroBatches.split(List.of(a, b, c, d), 2);
        assertEquals(2, micro.size());
        assertSame(b, micro.get(0).get(0));
        assertSame(d, micro.get(0).get(1));
        assertSame(c, micro.get(1).get(0));
        assertSame(a, micro.get(1).get(1));
    }

    @Test
    void oneMicroBatchIsTheGlobalBatchAsDrawn() {
        List<List<TrainingSample>> micro = MicroBatches.split(List.of(ofLength(3), ofLength(1), ofLength(2)), 3);
        assertEquals(List.of(3, 1, 2), micro.get(0).stream().map(s -> s.inputIds().length).toList());
    }

    @Test
    void refusesAGlobalBatchThatDoesNotSplit() {
        List<TrainingSample> three = List.of(ofLength(1), ofLength(2), ofLength(3));
        assertThrows(IllegalArgumentException.class, () -> MicroBatches.split(three, 2));
    }
}
