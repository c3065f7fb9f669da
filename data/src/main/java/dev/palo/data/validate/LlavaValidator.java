package dev.palo.data.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palo.data.llava.LlavaFormatException;
import dev.palo.data.llava.LlavaJsonWriter;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.LlavaRecordJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams a LLaVA JSON file through validation: each record is either written to the accepted output or, with its
 * reason, to the quarantine; none is dropped. Memory stays constant: one raw record at a time.
 */
public final class LlavaValidator {

    private final ValidationConfig config;
    private final ConversationChecks conversationChecks;
    private final ImageCheck imageCheck;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(4096);

    public LlavaValidator(ValidationConfig config) {
        this.config = config;
        this.conversationChecks = new ConversationChecks(config.registry());
        this.imageCheck = config.imageRoot() == null ? null : new ImageCheck(config.imageRoot());
    }

    /** Validates {@code input}, writing accepted records to {@code output} and rejected ones to {@code quarantine}. */
    public ValidationResult validate(Path input, Path output, Path quarantine, ValidationListener listener) throws IOException {
        try (InputStream in = Files.newInputStream(input);
             LlavaJsonWriter accepted = LlavaJsonWriter.create(output);
             QuarantineWriter rejected = QuarantineWriter.create(quarantine)) {
            return validate(in, input.toString(), accepted, rejected, listener);
        }
    }

    public ValidationResult validate(InputStream in, String source, LlavaJsonWriter accepted, QuarantineWriter quarantine,
                                     ValidationListener listener) throws IOException {
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        long records = 0;
        long acceptedCount = 0;
        try (RecordSplitter splitter = new RecordSplitter(in, source, config.maxRecordBytes())) {
            for (RawRecord raw = splitter.nextRecord(); raw != null; raw = splitter.nextRecord()) {
                records++;
                Outcome outcome = judge(raw);
                if (outcome.rejection() == null) {
                    accepted.write(outcome.record());
                    acceptedCount++;
                } else {
                    quarantine.write(raw, outcome.id(), outcome.rejection());
                    rejected.merge(outcome.rejection().reason(), 1L, Long::sum);
                }
                listener.judged(records, records - acceptedCount, splitter.bytesRead());
            }
            List<String> fileProblems = new ArrayList<>();
            if (!splitter.arrayClosed()) {
                fileProblems.add(source + " ends before the closing ']' of its top-level array (truncated file?)");
            }
            return new ValidationResult(records, acceptedCount, rejected, splitter.bytesRead(), fileProblems);
        }
    }

    private Outcome judge(RawRecord raw) {
        if (raw.structuralProblem() != null) {
            return Outcome.rejected(null, RejectReason.MALFORMED_RECORD, raw.structuralProblem());
        }
        if (raw.truncated()) {
            return Outcome.rejected(null, RejectReason.RECORD_TOO_LARGE, "record is " + raw.size()
                    + " bytes, over the limit of " + config.maxRecordBytes());
        }
        int malformedAt = firstMalformedByte(raw.bytes());
        if (malformedAt >= 0) {
            // the id is still worth reporting: read it from the text with the bad bytes replaced
            return Outcome.rejected(idOf(parse(new String(raw.bytes(), StandardCharsets.UTF_8))), RejectReason.INVALID_UTF8,
                    "malformed UTF-8 at byte " + malformedAt + " of the record (file offset " + (raw.offset() + malformedAt)
                            + ")");
        }
        JsonNode node;
        try {
            node = LlavaRecordJson.MAPPER.readTree(raw.bytes());
        } catch (JsonProcessingException e) {
            return Outcome.rejected(null, RejectReason.MALFORMED_RECORD, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse record bytes held in memory", e);
        }
        String id = idOf(Optional.of(node));
        LlavaRecord record;
        try {
            record = LlavaRecordJson.fromJson(node);
        } catch (LlavaFormatException e) {
            return Outcome.rejected(id, RejectReason.MALFORMED_RECORD, e.getMessage());
        }
        Optional<Rejection> fault = conversationChecks.check(record);
        if (fault.isEmpty() && record.hasImage()) {
            fault = ImagePathCheck.check(record.image());
        }
        if (fault.isEmpty() && imageCheck != null && record.hasImage()) {
            fault = imageCheck.check(record.image());
        }
        return fault.map(rejection -> new Outcome(id, null, rejection)).orElseGet(() -> new Outcome(id, record, null));
    }

    /** Checks the bytes are UTF-8 by decoding them; returns -1, or the index of the first malformed byte. */
    private int firstMalformedByte(byte[] bytes) {
        if (chars.capacity() < bytes.length) {
            chars = CharBuffer.allocate(bytes.length);
        }
        chars.clear();
        utf8.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = utf8.decode(in, chars, true);
        return result.isError() ? in.position() : -1;
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(LlavaRecordJson.MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String idOf(Optional<JsonNode> node) {
        return node.filter(n -> n.isObject() && n.hasNonNull("id")).map(n -> n.get("id").asText()).orElse(null);
    }

    /** A record's fate: accepted with its parsed form, or rejected; {@code id} is null when it could not be read. */
    private record Outcome(String id, LlavaRecord record, Rejection rejection) {

        static Outcome rejected(String id, RejectReason reason, String detail) {
            return new Outcome(id, null, new Rejection(reason, detail));
        }
    }
}
