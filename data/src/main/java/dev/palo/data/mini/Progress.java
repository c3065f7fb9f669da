package dev.palo.data.mini;

/** Told how far each stage of generation has come, e.g. to draw a progress bar. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (stage, done, total) -> { };

    void update(String stage, long done, long total);
}
