package dev.palo.activities.translation.translate;

import dev.palo.activities.stage.StageErrors;
import dev.palo.model.translator.LocalTranslator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Texts through the local translator model: each batch asked for (a chunk's pieces) is one call of
 * the model's batched greedy generation, on a thread of its own, so the stage can heartbeat and
 * commit while it runs; batches run one after another in the order asked. Generation takes the
 * model's lock, because attempts for several languages on one worker share the loaded model.
 */
final class LocalTextTranslator implements TextTranslator {
    private final LocalTranslator model;
    private final String languageCode;
    private final Runnable release;
    private final ExecutorService generation = Executors.newSingleThreadExecutor();

    /** {@code release} is called once no generation of this translator uses the model any more. */
    LocalTextTranslator(LocalTranslator model, String languageCode, Runnable release) {
        this.model = model;
        this.languageCode = languageCode;
        this.release = release;
    }

    @Override
    public CompletableFuture<List<String>> translate(List<String> englishTexts) {
        return CompletableFuture.supplyAsync(() -> {
            synchronized (model) {
                try {
                    return model.translate(englishTexts, languageCode);
                } catch (IllegalArgumentException unfit) {
                    // e.g. a turn longer than the model's prompt limit: retrying cannot help
                    throw StageErrors.invalid("local translator into '" + languageCode + "': "
                            + unfit.getMessage());
                }
            }
        }, generation);
    }

    /**
     * Drops batches not yet started and waits for the one generating (generation cannot be
     * interrupted), even when interrupted itself: the model must not be released while in use.
     */
    @Override
    public void close() {
        generation.shutdownNow();
        boolean interrupted = false;
        while (!generation.isTerminated()) {
            try {
                generation.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        release.run();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
