package dev.palo.data.validate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes rejected records as JSON lines: {@code reason} (a {@link RejectReason} code), {@code detail}, {@code index}
 * and byte {@code offset} in the input, {@code id} (null when it could not be read), and the record's {@code raw}
 * text as found (malformed UTF-8 shown as U+FFFD; cut at the size limit when {@code raw_truncated} is true).
 */
public final class QuarantineWriter implements AutoCloseable {

    private final OutputStream out;
    private final JsonGenerator json;

    public QuarantineWriter(OutputStream out) throws IOException {
        this.out = out;
        this.json = new ObjectMapper().getFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    public static QuarantineWriter create(Path file) throws IOException {
        return new QuarantineWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void write(RawRecord raw, String id, Rejection rejection) throws IOException {
        json.writeStartObject();
        json.writeStringField("reason", rejection.reason().code());
        json.writeStringField("detail", rejection.detail());
        json.writeNumberField("index", raw.index());
        json.writeNumberField("offset", raw.offset());
        json.writeStringField("id", id);
        json.writeStringField("raw", new String(raw.bytes(), StandardCharsets.UTF_8));
        if (raw.truncated()) {
            json.writeBooleanField("raw_truncated", true);
        }
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        json.close();
        out.close();
    }
}
