package dev.palo.activities.stage;

import dev.palo.activities.llm.ChatException;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.FailureTypes;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;

/**
 * How an activity's errors reach Temporal, decided once per stage instead of in each activity's own catch blocks.
 * Retrying is right only for what may pass (the store or a network hiccup: I/O errors are wrapped and retried under
 * the activity's retry policy); bad input fails the same way on every attempt, so it becomes a non-retryable
 * {@link FailureTypes#INVALID_INPUT} failure whose message says what is wrong, and the run shows it at once instead
 * of after the last retry. Which runtime exceptions count as bad input differs by stage, so a stage opts in:
 * {@link #llava} for records that are not LLaVA JSON, {@link #illegalArguments} for a bad bundle, config or sample.
 * A permanent chat endpoint answer (400, 401…) is never retried ({@link ChatException#forActivity()}).
 */
public final class StageErrors {
    private static final StageErrors STANDARD = new StageErrors(null, null);

    /** Text put before a {@link LlavaFormatException}'s message; null: such an exception is not mapped. */
    private final String llavaPrefix;
    /** Text put before an {@link IllegalArgumentException}'s message; null: such an exception is not mapped. */
    private final String argumentPrefix;

    private StageErrors(String llavaPrefix, String argumentPrefix) {
        this.llavaPrefix = llavaPrefix;
        this.argumentPrefix = argumentPrefix;
    }

    /** I/O errors retried, permanent chat answers not; every other exception passes through as it is. */
    public static StageErrors standard() {
        return STANDARD;
    }

    /** Also: a {@link LlavaFormatException} is bad input, reported as {@code prefix + its message}. */
    public StageErrors llava(String prefix) {
        return new StageErrors(prefix, argumentPrefix);
    }

    /** {@link #llava} for a stage that reads one file: "{@code <uri> is not valid LLaVA JSON: …}". */
    public StageErrors llava(ArtifactRef file) {
        return llava(file.uri() + " is not valid LLaVA JSON: ");
    }

    /** {@link #llava} for a stage that reads several inputs: "{@code an input is not valid LLaVA JSON: …}". */
    public StageErrors llavaInputs() {
        return llava("an input is not valid LLaVA JSON: ");
    }

    /** Also: an {@link IllegalArgumentException} (a malformed bundle, config or sample) is bad input, as it says. */
    public StageErrors illegalArguments() {
        return illegalArguments("");
    }

    /** {@link #illegalArguments()} with {@code prefix} before the exception's message. */
    public StageErrors illegalArguments(String prefix) {
        return new StageErrors(llavaPrefix, prefix);
    }

    /** Runs an activity's body and maps what it throws as this policy says. */
    public <T> T run(Body<T> body) {
        try {
            return body.run();
        } catch (LlavaFormatException e) {
            throw asInvalid(llavaPrefix, e);
        } catch (ChatException e) {
            throw e.forActivity();
        } catch (IllegalArgumentException e) {
            throw asInvalid(argumentPrefix, e);
        } catch (IOException e) {
            throw Activity.wrap(e);
        }
    }

    /** {@code e} as bad input with {@code prefix} before its message; {@code e} itself where the stage did not opt in. */
    private static RuntimeException asInvalid(String prefix, RuntimeException e) {
        return prefix == null ? e : invalid(prefix + e.getMessage());
    }

    /** Input no retry can fix (a malformed record, a wrong request): fails the activity at once with this message. */
    public static ApplicationFailure invalid(String message) {
        return FailureTypes.invalidInput(message);
    }

    /** An activity's body: what it returns, or the exception the policy maps. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws IOException;
    }
}
