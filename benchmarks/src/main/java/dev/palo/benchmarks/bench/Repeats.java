package dev.palo.benchmarks.bench;

import java.util.ArrayList;
import java.util.List;

/** Runs a timed action {@code warmUps} times untimed, then {@code repeats} times, and keeps each repeat's figure. */
public final class Repeats {
    private Repeats() {
    }

    /** One run of what is measured: it returns its own figure (seconds, a rate) for that run. */
    @FunctionalInterface
    public interface Run {
        double once(int index) throws Exception;
    }

    /** Each timed repeat's figure, warm-ups dropped; {@code index} counts warm-ups too. */
    public static List<Double> of(BenchContext context, Run run) throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int index = 0; index < context.warmUps() + context.repeats(); index++) {
            double figure = run.once(index);
            if (index >= context.warmUps()) {
                samples.add(figure);
            }
        }
        return samples;
    }

    /** Seconds since {@code startNanos}. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
