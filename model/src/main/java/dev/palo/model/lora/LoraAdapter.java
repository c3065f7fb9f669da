package dev.palo.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.palo.model.nn.DropoutMasks;
import dev.palo.model.nn.Linear;
import dev.palo.model.nn.LinearAdapter;
import dev.palo.model.nn.ParameterFactory;
import dev.palo.model.nn.ParameterValues;
import dev.palo.model.nn.Scalars;
import java.util.Map;

/**
 * Low-rank update of one linear: y = W x + (alpha/r) · B A dropout(x). A [r, in] starts
 * kaiming-uniform and B [out, r] at zero as in PEFT, so a fresh adapter changes nothing.
 */
public final class LoraAdapter implements LinearAdapter {
    private final Linear base;
    private final Parameter loraA;
    private final Parameter loraB;
    private final float scaling;
    private final float dropout;
    private boolean merged;

    LoraAdapter(ParameterFactory factory, Linear base, LoraConfig config) {
        this.base = base;
        long in = base.inFeatures();
        this.loraA = factory.uniform("lora_A.weight", (float) (1.0 / Math.sqrt(in)), config.r(), in);
        this.loraB = factory.constant("lora_B.weight", 0f, base.outFeatures(), config.r());
        this.scaling = config.scaling();
        this.dropout = config.loraDropout();
    }

    public Parameter loraA() {
        return loraA;
    }

    public Parameter loraB() {
        return loraB;
    }

    public boolean isMerged() {
        return merged;
    }

    @Override
    public NDArray delta(ParameterStore ps, NDArray x, boolean training) {
        if (merged) {
            return null;
        }
        NDArray input = training && dropout > 0 ? DropoutMasks.apply(x, dropout) : x;
        NDArray a = ParameterValues.of(ps, loraA, x, training);
        NDArray b = ParameterValues.of(ps, loraB, x, training);
        NDArray low = ai.djl.nn.core.Linear.linear(input, a).head();
        return Scalars.mul(ai.djl.nn.core.Linear.linear(low, b).head(), scaling);
    }

    /** W += scaling · B A; the adapter then adds nothing until {@link #unmerge()}. */
    void merge() {
        if (merged) {
            throw new IllegalStateException("LoRA adapter is already merged");
        }
        applyToBase(true);
        merged = true;
    }

    /** W −= scaling · B A, restoring the base weight up to float rounding. */
    void unmerge() {
        if (!merged) {
            throw new IllegalStateException("LoRA adapter is not merged");
        }
        applyToBase(false);
        merged = false;
    }

    // In place on the parameter array, so optimisers and the parameter store keep the same tensor;
    // must run outside a GradientCollector.
    private void applyToBase(boolean add) {
        NDArray weight = base.weight().getArray();
        try (NDManager scratch = weight.getManager().newSubManager()) {
            NDArray product = loraB.getArray().matMul(loraA.getArray());
            product.attach(scratch);
            NDArray delta = product.mul(scratch.create(scaling));
            if (add) {
                weight.addi(delta);
            } else {
                weight.subi(delta);
            }
        }
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> into) {
        into.put(prefix + "lora_A.weight", loraA);
        into.put(prefix + "lora_B.weight", loraB);
    }
}
