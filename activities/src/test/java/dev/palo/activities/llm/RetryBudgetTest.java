package dev.palo.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    @Test
    void givesOutExactlyItsRetries() {
        RetryBudget budget = RetryBudget.of(2);
        assertTrue(budget.tryTake());
        assertFalse(budget.spent());
        assertTrue(budget.tryTake());
        assertTrue(budget.spent());
        assertFalse(budget.tryTake());
        assertFalse(budget.tryTake());
        assertTrue(budget.spent());
    }

    @Test
    void aChunkGetsMaxAttemptsPlusOneRetryForEveryOtherRequest() {
        assertEquals(5 + 50, RetryBudget.forChunk(100, 5).total());
        assertEquals(1, RetryBudget.forChunk(0, 0).total());
        assertThrows(IllegalArgumentException.class, () -> RetryBudget.of(-1));
    }
}
