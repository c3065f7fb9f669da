package dev.palo.activities.dataset;

import dev.palo.workflows.ArtifactRef;
import dev.palo.workflows.dataset.LanguageSet;
import java.util.List;
import java.util.Map;

/**
 * {@code dataset.json}, the dataset-build stage's output: what training reads to find the shards,
 * and the dataset's provenance. Each shard is a LLaVA JSON array that LLaVA's {@code json.load} reads.
 *
 * @param arm        {@code baseline} or {@code palo}
 * @param seed       shuffle seed
 * @param shardSize  records per shard
 * @param records    records in all shards
 * @param shards     every shard in order, with sha256, size and record count
 * @param languages  per language: read, corrupt (left out), duplicates (left out), kept
 * @param sources    records kept per image source ({@code coco}, {@code gqa}, …, {@code text-only})
 * @param inputs     lineage: every input set, English first, with the artifacts it was made with
 * @param codeVersion the dataset-build implementation's version
 */
public record DatasetIndex(String arm, long seed, int shardSize, long records, List<ArtifactRef> shards,
                           Map<String, LanguageCounts> languages, Map<String, Long> sources,
                           List<LanguageSet> inputs, String codeVersion) {
}
