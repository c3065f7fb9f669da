package dev.palo.model.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import dev.palo.model.checkpoint.NamedTensors;
import dev.palo.model.multimodal.PaloModel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A copy of the trained model on which a second thread takes every other micro-batch of each step. Its own
 * parameters collect its gradients, so the step's gradient is always (even micro-batches) + (odd ones), summed in
 * that order: the result does not depend on how the two threads interleave.
 */
final class GradientReplica implements AutoCloseable {
    private final NDManager manager = NDManager.newBaseManager();
    private final PaloModel model;
    private final Map<String, Parameter> parameters;
    private final List<ParameterGroup> groups;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "palo-gradient-replica");
        t.setDaemon(true);
        return t;
    });

    GradientReplica(PaloModel source, String stage) {
        this.model = PaloModel.create(manager, source.config(), 0);
        NamedTensors.copyIntoParameters(model.namedParameters(), NamedTensors.arraysOf(source.namedParameters()),
                "the trained model");
        this.parameters = model.namedParameters();
        this.groups = StagePolicy.load(stage).apply(parameters);
    }

    PaloModel model() {
        return model;
    }

    <T> Future<T> submit(Callable<T> work) {
        return thread.submit(work);
    }

    /** Adds this copy's gradients into {@code target} and clears its own for the next step. */
    void addGradientsTo(Gradients target, NDManager step) {
        Gradients own = new Gradients(groups, step);
        target.add(own);
        own.zero();
    }

    /** Takes the trained parameters' new values after an update. */
    void copyTrainableFrom(List<ParameterGroup> source) {
        for (ParameterGroup group : source) {
            group.parameters().forEach((name, parameter) ->
                    parameters.get(name).getArray().set(new NDIndex("..."), parameter.getArray()));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        model.close();
        manager.close();
    }
}
