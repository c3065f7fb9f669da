package dev.palo.data.llava;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the records of a LLaVA JSON file (one top-level array) one at a time, so memory stays constant
 * whatever the file size: only the current record is ever materialised.
 */
public final class LlavaJsonReader implements Iterator<LlavaRecord>, AutoCloseable {

    private final String source;
    private final JsonParser parser;
    private long index;
    private boolean advanced;
    private boolean finished;

    public LlavaJsonReader(InputStream in, String source) {
        this.source = source;
        try {
            this.parser = LlavaRecordJson.MAPPER.getFactory().createParser(in);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new LlavaFormatException(source + ": a LLaVA file must be a JSON array of records, found "
                        + parser.currentToken() + " at " + parser.currentLocation().offsetDescription());
            }
        } catch (JsonProcessingException e) {
            throw new LlavaFormatException(source + ": not valid JSON: " + describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read", e);
        }
    }

    public static LlavaJsonReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new LlavaJsonReader(in, file.toString());
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The records as a sequential stream; closing the stream closes this reader. */
    public Stream<LlavaRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        if (!advanced) {
            try {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    finished = true;
                    return false;
                }
            } catch (JsonProcessingException e) {
                throw new LlavaFormatException(source + ": invalid JSON after " + index + " records: " + describe(e), e);
            } catch (IOException e) {
                throw new UncheckedIOException(source + ": cannot read after " + index + " records", e);
            }
            advanced = true;
        }
        return true;
    }

    @Override
    public LlavaRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException(source + ": no more records after #" + index);
        }
        advanced = false;
        long current = index++;
        try {
            JsonNode node = LlavaRecordJson.MAPPER.readTree(parser);
            return LlavaRecordJson.fromJson(node);
        } catch (LlavaFormatException e) {
            throw new LlavaFormatException(source + ": record #" + current + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new LlavaFormatException(source + ": record #" + current + " is not valid JSON: " + describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read record #" + current, e);
        }
    }

    private static String describe(JsonProcessingException e) {
        return e.getOriginalMessage() + (e.getLocation() == null ? "" : " at " + e.getLocation().offsetDescription());
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot close", e);
        }
    }
}
