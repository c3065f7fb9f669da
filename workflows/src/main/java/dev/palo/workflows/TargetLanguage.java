package dev.palo.workflows;

/**
 * A language a pipeline translates into, as resolved from the language registry.
 *
 * @param code ISO code used in keys and tags (e.g. {@code ar})
 * @param name English name used in prompts and PALO's field names (e.g. {@code Arabic})
 */
public record TargetLanguage(String code, String name) {
}
