package dev.palo.activities.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palo.activities.storage.Sha256;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.LlavaRecordJson;
import java.util.Arrays;

/** A record's content identity (what deduplication compares) and its seeded place in the shuffle. */
final class RecordDigest {
    private static final int KEY_HEX_CHARS = 16;

    private RecordDigest() {
    }

    /**
     * sha256 of the record's language, image and conversations as one JSON array: an unambiguous
     * encoding, so equal digests mean equal content. The image is part of it because short LLaVA
     * questions ("What colour is the car?") recur with different images and different answers.
     */
    static String content(LlavaRecord record) throws JsonProcessingException {
        return Sha256.of(LlavaRecordJson.MAPPER.writeValueAsBytes(
                Arrays.asList(record.language(), record.image(), record.conversations())));
    }

    /**
     * 64 bits of sha256(seed, content digest), compared unsigned: a seeded pseudo-random
     * permutation. Keyed by content rather than by id so that duplicates share a key.
     */
    static long shuffleKey(long seed, String contentDigest) {
        return Long.parseUnsignedLong(Sha256.of(seed + "\n" + contentDigest).substring(0, KEY_HEX_CHARS), 16);
    }
}
