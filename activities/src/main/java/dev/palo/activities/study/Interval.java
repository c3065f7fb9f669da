package dev.palo.activities.study;

/** A confidence interval: its lower and upper bound. */
public record Interval(double low, double high) {
}
