package dev.palo.workflows.quality;

/**
 * @param measured false when there was no gold to compare with
 * @param chrf     corpus chrF, 0–100 (0 when not measured)
 * @param turns    turns compared with their gold
 * @param note     where the gold came from, or why nothing was measured
 */
public record ChrfScore(boolean measured, double chrf, long turns, String note) {
    public static ChrfScore skipped(String reason) {
        return new ChrfScore(false, 0, 0, reason);
    }
}
