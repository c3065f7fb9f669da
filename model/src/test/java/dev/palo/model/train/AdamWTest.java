package dev.palo.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AdamW against torch.optim.AdamW's update rule worked out here in double precision. */
class AdamWTest {

    @Test
    void twoStepsMatchTheHandComputedUpdate() {
        double lr = 0.1;
        double weightDecay = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        double[] p = {1.0, -2.0, 0.5};
        double[][] grads = {{0.5, -1.0, 0.0}, {0.1, 0.3, -4.0}};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= grads.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = grads[t - 1][i];
                p[i] *= 1 - lr * weightDecay;
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(beta2, t)) + eps;
                p[i] -= lr / (1 - Math.pow(beta1, t)) * m[i] / denominator;
            }
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter weight = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optArray(manager.create(new float[] {1f, -2f, 0.5f})).build();
            LinkedHashMap<String, Parameter> members = new LinkedHashMap<>(Map.of("w", weight));
            List<ParameterGroup> groups = List.of(new ParameterGroup("all", 2.0, weightDecay, members));
            try (AdamW adamW = new AdamW(manager, groups, (float) beta1, (float) beta2, (float) eps)) {
                for (double[] g : grads) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray gradient = step.create(new float[] {(float) g[0], (float) g[1], (float) g[2]});
                        // base lr 0.05 × group scale 2 = 0.1
                        adamW.step(groups, Map.of("w", gradient), lr / 2, step);
                    }
                }
                assertEquals(2, adamW.updates());
                float[] actual = weight.getArray().toFloatArray();
                for (int i = 0; i < p.length; i++) {
                    assertEquals(p[i], actual[i], 1e-6, "element " + i);
                }
                assertEquals(List.of("exp_avg.w", "exp_avg_sq.w"), List.copyOf(adamW.moments().keySet()));
            }
        }
    }
}
