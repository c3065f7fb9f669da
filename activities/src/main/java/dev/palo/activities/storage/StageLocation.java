package dev.palo.activities.storage;

/**
 * Where one stage × language of one run writes, and where its cache entry lives. Both keys are
 * derived from the inputs only, so a retried or resumed attempt finds what earlier attempts wrote.
 */
public record StageLocation(String runId, String stage, String language, String cacheKey) {
    /** {@code runs/<runId>/<stage>/<lang>/<cacheKey>/} */
    public String prefix() {
        return "runs/" + runId + "/" + stage + "/" + language + "/" + cacheKey + "/";
    }

    public String key(String name) {
        return prefix() + name;
    }

    public String manifestKey() {
        return key("manifest.json");
    }

    /** Shared by every run: the first run to finish this cache key records its manifest here. */
    public String cacheEntryKey() {
        return "cache/" + stage + "/" + language + "/" + cacheKey + ".json";
    }
}
