package dev.palo.data.validate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a LLaVA JSON file (one top-level array) into its elements' raw bytes without decoding them.
 *
 * <p>Splitting only tracks brackets, quotes and backslashes, all ASCII, and every byte of a multi-byte UTF-8
 * sequence (valid or not) is 0x80 or above, so a record with malformed UTF-8 or broken JSON is still cut at the
 * right place and quarantined alone while the records after it are processed normally. Memory is one buffer plus
 * one record of at most {@code maxRecordBytes}: a larger record is scanned to its end but kept only up to the limit.
 * Separators are checked leniently (a missing or doubled comma between elements loses nothing); stray content
 * becomes a record of its own, which then fails to parse. The one fault it cannot isolate is a record whose
 * brackets or quotes never close (typically a file cut short): it runs to the end of the file and is reported
 * as such, as a JSON parser would.
 */
final class RecordSplitter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final InputStream in;
    private final int maxRecordBytes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private long bufferOffset;
    private byte[] record = new byte[4096];
    private int kept;
    private long nextIndex;
    private boolean arrayClosed;
    private boolean finished;
    private boolean closedProperly;

    RecordSplitter(InputStream in, String source, int maxRecordBytes) throws IOException {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
        skipByteOrderMark();
        int first = nextNonWhitespace();
        if (first != '[') {
            throw new IOException(source + ": a LLaVA file must be a JSON array of records, but it starts with "
                    + (first < 0 ? "nothing (empty file)" : "'" + (char) first + "'"));
        }
        position++;
    }

    /** The next element, or null after the last one. */
    RawRecord nextRecord() throws IOException {
        while (!finished) {
            int b = nextNonWhitespace();
            if (b < 0) {
                finished = true;
                return null;
            }
            if (arrayClosed) {
                return cut("content after the closing ']' of the top-level array");
            }
            position++;
            if (b == ']') {
                arrayClosed = true;
                closedProperly = true;
            } else if (b != ',') {
                position--;
                return cut(null);
            }
        }
        return null;
    }

    /** False when the file ended before the closing {@code ]} of the top-level array (e.g. a truncated copy). */
    boolean arrayClosed() {
        return closedProperly;
    }

    long bytesRead() {
        return bufferOffset + position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Scans one element. The state machine runs over the buffer in a local loop and copies what it consumed with one
     * {@code arraycopy} per buffer: a call per byte made this the validator's hottest code.
     */
    private RawRecord cut(String problem) throws IOException {
        long start = bytesRead();
        long size = 0;
        kept = 0;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean scalar = false;
        boolean ended = false;
        while (!ended) {
            if (position == limit && !refill()) {
                if (depth > 0 || inString) {
                    problem = "the file ends inside this record";
                }
                break;
            }
            int from = position;
            int p = from;
            while (p < limit) {
                int b = buffer[p] & 0xFF;
                if (scalar && !inString && (b == ',' || b == ']' || isWhitespace(b))) {
                    ended = true;  // the byte after a bare scalar belongs to the array, not to the record
                    break;
                }
                p++;
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                        if (depth == 0) {
                            ended = true;
                            break;
                        }
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    if (--depth <= 0) {
                        ended = true;
                        break;
                    }
                } else if (depth == 0) {
                    scalar = true;
                }
            }
            keep(from, p - from);
            size += p - from;
            position = p;
        }
        return new RawRecord(nextIndex++, start, size, Arrays.copyOf(record, kept), problem);
    }

    /** Keeps {@code length} consumed bytes of the buffer from {@code from}, up to the record limit. */
    private void keep(int from, int length) {
        int n = Math.min(length, maxRecordBytes - kept);
        if (n <= 0) {
            return;
        }
        while (record.length < kept + n) {
            record = Arrays.copyOf(record, Math.min(maxRecordBytes, record.length * 2));
        }
        System.arraycopy(buffer, from, record, kept, n);
        kept += n;
    }

    private void skipByteOrderMark() throws IOException {
        if (peek() == 0xEF) {
            fill();
            if (limit - position >= 3 && (buffer[position + 1] & 0xFF) == 0xBB && (buffer[position + 2] & 0xFF) == 0xBF) {
                position += 3;
            }
        }
    }

    private int nextNonWhitespace() throws IOException {
        int b;
        while ((b = peek()) >= 0 && isWhitespace(b)) {
            position++;
        }
        return b;
    }

    private int peek() throws IOException {
        if (position == limit && !refill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    private boolean refill() throws IOException {
        bufferOffset += limit;
        position = 0;
        limit = 0;
        fill();
        return limit > 0;
    }

    /** Tops the buffer up (keeping unread bytes) so that a short look-ahead sees at least a few bytes. */
    private void fill() throws IOException {
        if (position > 0 && position < limit) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            bufferOffset += position;
            limit -= position;
            position = 0;
        }
        while (limit < 3) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return;
            }
            limit += n;
        }
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
