package dev.palo.activities.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.activities.llm.ChatException;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StageErrorsTest {
    private static <T> T failWith(RuntimeException e) {
        throw e;
    }

    @Test
    void ioErrorsAreWrappedToBeRetried() {
        IOException io = new IOException("store unreachable");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> StageErrors.standard().run(() -> {
            throw io;
        }));

        assertFalse(thrown instanceof ApplicationFailure);
        assertSame(io, thrown.getCause());
    }

    @Test
    void badLlavaIsInvalidInputOnlyWhereTheStageSaysSo() {
        LlavaFormatException bad = new LlavaFormatException("record 'a' has no conversations");

        assertSame(bad, assertThrows(LlavaFormatException.class,
                () -> StageErrors.standard().run(() -> failWith(bad))));
        ApplicationFailure failure = assertThrows(ApplicationFailure.class,
                () -> StageErrors.standard().llavaInputs().run(() -> failWith(bad)));
        assertTrue(failure.isNonRetryable());
        assertEquals(FailureTypes.INVALID_INPUT, failure.getType());
        assertEquals("an input is not valid LLaVA JSON: record 'a' has no conversations", failure.getOriginalMessage());
    }

    @Test
    void illegalArgumentsAreInvalidInputOnlyWhereTheStageSaysSo() {
        IllegalArgumentException bad = new IllegalArgumentException("unknown preset 'huge'");

        assertSame(bad, assertThrows(IllegalArgumentException.class,
                () -> StageErrors.standard().llavaInputs().run(() -> failWith(bad))));
        assertEquals("unknown preset 'huge'", assertThrows(ApplicationFailure.class,
                () -> StageErrors.standard().illegalArguments().run(() -> failWith(bad))).getOriginalMessage());
        ApplicationFailure prefixed = assertThrows(ApplicationFailure.class,
                () -> StageErrors.standard().illegalArguments("base translator: ").run(() -> failWith(bad)));
        assertEquals("base translator: unknown preset 'huge'", prefixed.getOriginalMessage());
        assertTrue(prefixed.isNonRetryable());
    }

    @Test
    void aPermanentChatAnswerIsNotRetriedATransientOneIs() {
        ApplicationFailure refused = assertThrows(ApplicationFailure.class,
                () -> StageErrors.standard().run(() -> failWith(new ChatException("401 bad key", 401))));
        assertTrue(refused.isNonRetryable());

        ChatException busy = new ChatException("503 busy", 503);
        assertSame(busy, assertThrows(ChatException.class, () -> StageErrors.standard().run(() -> failWith(busy))));
    }

    @Test
    void whatTheBodyReturnsAndItsOwnFailuresPassThrough() {
        assertEquals("done", StageErrors.standard().run(() -> "done"));
        ApplicationFailure own = StageErrors.invalid("no record left");
        assertSame(own, assertThrows(ApplicationFailure.class,
                () -> StageErrors.standard().llavaInputs().illegalArguments().run(() -> failWith(own))));
        assertTrue(own.isNonRetryable());
        assertEquals(FailureTypes.INVALID_INPUT, own.getType());
    }
}
