package dev.palo.activities.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of the records a training stage read: every record is either kept or counted under
 * the one reason it was left out.
 *
 * @param read          records in the input files
 * @param kept          records trained on
 * @param corrupt       records PALO's translation marked {@code corrupt}
 * @param invalid       records the conversation template cannot take (turn order, placeholder without
 *                      an image, or an image whose placeholder is missing or cut off by truncation)
 * @param unsupervised  records with no supervised token left after truncation or LLaVA's mismatch check
 * @param missingImages records whose image is not under the image prefix
 */
public record RecordCounts(long read, long kept, long corrupt, long invalid, long unsupervised, long missingImages) {

    /** As stage metrics, under {@code records.*}. */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("records.read", (double) read);
        metrics.put("records.kept", (double) kept);
        metrics.put("records.corrupt", (double) corrupt);
        metrics.put("records.invalid", (double) invalid);
        metrics.put("records.unsupervised", (double) unsupervised);
        metrics.put("records.missing_image", (double) missingImages);
        return metrics;
    }
}
