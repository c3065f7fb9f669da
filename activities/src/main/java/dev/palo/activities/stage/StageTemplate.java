package dev.palo.activities.stage;

import dev.palo.activities.storage.Manifest;
import dev.palo.activities.storage.ObjectStore;
import dev.palo.activities.storage.StageLocation;
import dev.palo.activities.storage.StageOutputs;
import dev.palo.workflows.StageResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one shape of a stage that writes outputs: reuse → scratch → work → commit → cleanup.
 * <ol>
 *   <li>reuse: a manifest at the stage's location (this run finished it: a retry after the commit) or in the stage
 *   cache (an earlier run with the same key) is the result, and no work is done;</li>
 *   <li>scratch: otherwise the attempt gets a fresh {@link ScratchFolder} under the worker's work root;</li>
 *   <li>work: the stage stores its outputs under its location and returns their {@link Manifest};</li>
 *   <li>commit: the template writes that manifest last ({@link StageOutputs#commit}), so a manifest's presence means
 *   every output is complete, and the next attempt or run reuses it;</li>
 *   <li>cleanup: the scratch folder is deleted however the attempt ends.</li>
 * </ol>
 * What the work throws is left to the stage's {@link StageErrors}, around this call. Keys and manifests stay the
 * stage's own: the template decides the order of steps, not what is written.
 */
public final class StageTemplate {
    private final StageOutputs outputs;
    private final Path workRoot;

    /** {@code workRoot} holds the attempts' scratch folders; null for a stage that writes nothing locally. */
    public StageTemplate(ObjectStore store, Path workRoot) {
        this.outputs = new StageOutputs(store);
        this.workRoot = workRoot;
    }

    /** A stage without scratch space: nothing it does touches the worker's disk. */
    public StageTemplate(ObjectStore store) {
        this(store, null);
    }

    /** Reuse, or work in a scratch folder named {@code <scratchPrefix>…} and commit its manifest. */
    public StageResult run(StageLocation location, String scratchPrefix, ScratchWork<Manifest> work)
            throws IOException {
        return run(location, scratchPrefix, done -> done, scratch -> Outcome.of(work.run(scratch)));
    }

    /** Reuse, or work without scratch space and commit its manifest. */
    public StageResult run(StageLocation location, Work<Manifest> work) throws IOException {
        return run(location, done -> done, () -> Outcome.of(work.run()));
    }

    /**
     * For an activity that returns more than the stage result: {@code reused} makes it from a reused result, the
     * work's {@link Outcome} from the committed one.
     */
    public <T> T run(StageLocation location, Reused<T> reused, Work<Outcome<T>> work) throws IOException {
        return run(location, null, reused, scratch -> work.run());
    }

    /** The template itself; a null {@code scratchPrefix} makes no scratch folder. */
    public <T> T run(StageLocation location, String scratchPrefix, Reused<T> reused, ScratchWork<Outcome<T>> work)
            throws IOException {
        Optional<StageResult> done = outputs.reuse(location);
        if (done.isPresent()) {
            return reused.from(done.get());
        }
        if (scratchPrefix == null) {
            return commit(location, work.run(null));
        }
        if (workRoot == null) {
            throw new IllegalStateException("a stage without a work root asked for scratch space");
        }
        try (ScratchFolder scratch = ScratchFolder.create(workRoot, scratchPrefix)) {
            return commit(location, work.run(scratch.path()));
        }
    }

    /** The manifest, last: written only once the work returned, i.e. after every output it stored. */
    private <T> T commit(StageLocation location, Outcome<T> outcome) throws IOException {
        return outcome.result().apply(outputs.commit(location, outcome.manifest()));
    }

    /** What a stage's work returns: the manifest to commit, and how the activity's result is made from it. */
    public record Outcome<T>(Manifest manifest, Function<StageResult, T> result) {
        /** The committed stage result is the activity's result. */
        public static Outcome<StageResult> of(Manifest manifest) {
            return new Outcome<>(manifest, Function.identity());
        }
    }

    /** The stage's work in its scratch folder. */
    @FunctionalInterface
    public interface ScratchWork<T> {
        T run(Path scratch) throws IOException;
    }

    /** The stage's work, with no scratch folder. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** The activity's result from a reused stage result (a retry after the commit, or a cache hit). */
    @FunctionalInterface
    public interface Reused<T> {
        T from(StageResult done) throws IOException;
    }
}
