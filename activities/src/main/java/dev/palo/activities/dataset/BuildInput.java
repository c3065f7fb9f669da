package dev.palo.activities.dataset;

import java.io.IOException;
import java.io.InputStream;

/**
 * One LLaVA JSON file to merge.
 *
 * @param language code its records are labelled with (a record's own {@code language} must agree)
 * @param name     where it comes from, for error messages (e.g. its uri)
 * @param size     bytes, to size the shuffle's buckets
 * @param records  records inside, as its artifact counts them (the progress bar's total); 0 when not known
 * @param source   opens it for streaming
 */
record BuildInput(String language, String name, long size, long records, Source source) {
    /** An input whose records were not counted. */
    BuildInput(String language, String name, long size, Source source) {
        this(language, name, size, 0, source);
    }

    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }
}
