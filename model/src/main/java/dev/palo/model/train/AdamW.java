package dev.palo.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW as {@code torch.optim.AdamW}: decoupled weight decay ({@code p -= lr·wd·p} first), moments
 * with bias correction, {@code p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε)}. Moments live in
 * the optimizer's own manager, by parameter name, so a training state can save and restore them.
 * Call {@link #step} outside a GradientCollector (no autograd) with a manager that is closed after
 * the step; every temporary lands there.
 */
public final class AdamW implements AutoCloseable {
    private final NDManager manager;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final LinkedHashMap<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final LinkedHashMap<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long updates;

    public AdamW(NDManager parent, List<ParameterGroup> groups, float beta1, float beta2, float epsilon) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        for (ParameterGroup group : groups) {
            group.parameters().forEach((name, p) -> {
                firstMoments.put(name, manager.zeros(p.getArray().getShape(), DataType.FLOAT32));
                secondMoments.put(name, manager.zeros(p.getArray().getShape(), DataType.FLOAT32));
            });
        }
    }

    /** One update of every group's parameters with learning rate {@code baseLr × group scale}. */
    public void step(List<ParameterGroup> groups, Map<String, NDArray> gradients, double baseLr, NDManager step) {
        updates++;
        double correction1 = 1 - Math.pow(beta1, updates);
        double correction2 = 1 - Math.pow(beta2, updates);
        NDArray b1 = step.create(beta1);
        NDArray oneMinusB1 = step.create(1 - beta1);
        NDArray b2 = step.create(beta2);
        NDArray oneMinusB2 = step.create(1 - beta2);
        NDArray eps = step.create(epsilon);
        NDArray sqrtCorrection2 = step.create((float) Math.sqrt(correction2));
        for (ParameterGroup group : groups) {
            double lr = baseLr * group.lrScale();
            NDArray decay = step.create((float) (1 - lr * group.weightDecay()));
            NDArray stepSize = step.create((float) (lr / correction1));
            for (Map.Entry<String, Parameter> e : group.parameters().entrySet()) {
                NDArray weight = e.getValue().getArray();
                NDArray grad = gradients.get(e.getKey());
                NDArray m = firstMoments.get(e.getKey());
                NDArray v = secondMoments.get(e.getKey());
                if (group.weightDecay() != 0) {
                    weight.muli(decay);
                }
                m.muli(b1).addi(grad.mul(oneMinusB1));
                v.muli(b2).addi(grad.square().mul(oneMinusB2));
                NDArray denominator = inStep(v.sqrt(), step).divi(sqrtCorrection2).addi(eps);
                weight.subi(inStep(m.div(denominator), step).muli(stepSize));
            }
        }
    }

    /** Optimizer updates applied so far (the {@code t} of the bias correction). */
    public long updates() {
        return updates;
    }

    /** First and second moments by {@code exp_avg.<name>} / {@code exp_avg_sq.<name>}, as torch names them. */
    public LinkedHashMap<String, NDArray> moments() {
        LinkedHashMap<String, NDArray> all = new LinkedHashMap<>();
        firstMoments.forEach((name, m) -> all.put("exp_avg." + name, m));
        secondMoments.forEach((name, v) -> all.put("exp_avg_sq." + name, v));
        return all;
    }

    /** Restores the update count after the moments were copied into {@link #moments()}. */
    public void restoreUpdates(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("optimizer update count must be >= 0, got " + count);
        }
        this.updates = count;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Results of ops on moments land in the optimizer's manager; move them to the step's. */
    private static NDArray inStep(NDArray array, NDManager step) {
        array.attach(step);
        return array;
    }
}
