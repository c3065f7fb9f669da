package dev.palo.data.llava;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a LLaVA JSON file record by record: a top-level array with one compact record per line. Output
 * is deterministic (fixed field order, sorted maps, raw UTF-8 like Python's {@code ensure_ascii=False}),
 * so the same records always give the same bytes and outputs can be content-addressed.
 */
public final class LlavaJsonWriter implements AutoCloseable {

    private static final byte[] OPEN = "[\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE_EMPTY = "]\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "\n]\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private long written;

    public LlavaJsonWriter(OutputStream out) {
        this.out = out;
        write(OPEN);
    }

    public static LlavaJsonWriter create(Path file) throws IOException {
        return new LlavaJsonWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    public void write(LlavaRecord record) {
        byte[] json;
        try {
            json = LlavaRecordJson.toBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode record '" + record.id() + "'", e);
        }
        writeEncoded(json);
    }

    /**
     * Writes a record that {@link LlavaRecordJson#toBytes} already encoded (the dataset build keeps records as these
     * bytes between its passes): the same bytes {@link #write(LlavaRecord)} would write, without parsing them again.
     */
    public void writeEncoded(byte[] json) {
        if (written > 0) {
            write(SEPARATOR);
        }
        write(json);
        written++;
    }

    public long written() {
        return written;
    }

    /** Ends the array and closes the stream; the file is valid JSON only after this. */
    @Override
    public void close() {
        write(written == 0 ? CLOSE_EMPTY : CLOSE);
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close LLaVA output", e);
        }
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write LLaVA output", e);
        }
    }
}
