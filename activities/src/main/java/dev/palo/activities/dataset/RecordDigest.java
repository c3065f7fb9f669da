package dev.palo.activities.dataset;

import dev.palo.activities.storage.Sha256;
import dev.palo.data.llava.EncodedRecord;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.LlavaRecordJson;
import dev.palo.data.llava.Turn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** A record's content identity (what deduplication compares) and its seeded place in the shuffle. */
final class RecordDigest {
    private static final int KEY_HEX_CHARS = 16;
    private static final byte[] GPT = ",\"gpt\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_GPT = ",\"gpt\":false".getBytes(StandardCharsets.US_ASCII);

    private RecordDigest() {
    }

    /**
     * sha256 of the record's language, image and conversations as one JSON array, each turn with its role flag:
     * {@code ["<language>","<image>"|null,[{"from":…,"value":…,"gpt":true|false},…]]} (the bytes Jackson writes for
     * {@code List.of(language, image, conversations)}, {@link Turn} serialised as a bean; digests of earlier builds
     * were taken that way, and a build resumes on its stored shards only if its digests, hence its order, are the
     * same). An unambiguous encoding, so equal digests mean equal content. The image is part of it because short LLaVA
     * questions ("What colour is the car?") recur with different images and different answers. The turns' bytes are
     * taken from the record's own encoding ({@code encoded}: the same generator and escaping), so the record's longest
     * part is encoded once, not twice.
     */
    static String content(LlavaRecord record, EncodedRecord encoded) throws IOException {
        byte[] head = LlavaRecordJson.MAPPER.writeValueAsBytes(Arrays.asList(record.language(), record.image()));
        MessageDigest sha256 = Sha256.digest();
        sha256.update(head, 0, head.length - 1);  // ["<language>","<image>" without its closing ]
        sha256.update((byte) ',');
        byte[] json = encoded.json();
        int at = encoded.conversationsFrom();
        for (int i = 0; i < encoded.turnCloses().length; i++) {
            int close = encoded.turnCloses()[i];
            sha256.update(json, at, close - at);  // [ or },  then {"from":…,"value":…
            sha256.update(record.conversations().get(i).isGpt() ? GPT : NOT_GPT);
            at = close;
        }
        sha256.update(json, at, encoded.conversationsTo() - at);  // }] (or [] for no turns)
        sha256.update((byte) ']');
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * 64 bits of sha256(seed, content digest), compared unsigned: a seeded pseudo-random
     * permutation. Keyed by content rather than by id so that duplicates share a key.
     */
    static long shuffleKey(long seed, String contentDigest) {
        return Long.parseUnsignedLong(Sha256.of(seed + "\n" + contentDigest).substring(0, KEY_HEX_CHARS), 16);
    }
}
