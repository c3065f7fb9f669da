package dev.palo.activities.translation.translate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Plain English texts into one language: the part of the stage that differs between backends
 * (an OpenAI-compatible chat endpoint, or the local translator model). Structure — turns, roles,
 * {@code <image>} — is kept above this, by {@link RecordTranslator}, the same for every backend.
 */
interface TextTranslator extends AutoCloseable {
    /** The translations, one per text and in the same order; fails with the first failure. */
    CompletableFuture<List<String>> translate(List<String> englishTexts);

    /** Texts accepted and not yet translated; 0 for a backend that works a batch at a time. */
    default int backlog() {
        return 0;
    }

    /**
     * Whether the backend would use another batch now, beyond the chunks the stage always keeps in
     * flight: a chat endpoint wants more while few requests are queued, a local model never does.
     */
    default boolean wantsMore() {
        return false;
    }

    /**
     * After a failure, before the stage flushes its cache and fails: starts nothing new and waits, up to
     * {@code patience}, for requests already sent, so that answers paid for reach the cache and the attempt that
     * retries the chunks does not ask for them again. A backend without requests in flight returns at once.
     */
    default void settle(Duration patience) throws InterruptedException {
    }

    /** Stops work still running and releases what the backend holds (threads, a loaded model). */
    @Override
    void close();
}
