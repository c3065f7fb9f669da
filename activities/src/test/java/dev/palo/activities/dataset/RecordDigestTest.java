package dev.palo.activities.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palo.activities.storage.Sha256;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.data.llava.LlavaRecordJson;
import dev.palo.data.llava.Turn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The content digest taken from the record's own bytes is the digest of its definition, byte for byte. */
class RecordDigestTest {
    @Test
    void theDigestFromTheEncodedRecordEqualsTheDigestOfLanguageImageAndConversationsAsOneJsonArray() throws Exception {
        List<LlavaRecord> records = new ArrayList<>(DatasetFixtures.english());
        records.addAll(DatasetFixtures.translated("ar", DatasetFixtures.english()));
        records.add(new LlavaRecord("odd \"id\"", null, List.of(Turn.human("Quote \"this\"\t\u00e9 \ud83d\ude00 \u2028 \\"),
                Turn.gpt("\u0000 مرحبا 你好")), null, Map.of("fr", List.of(Turn.human("Bonjour"))), false, "fr", Map.of()));
        records.add(LlavaRecord.of("no-turns", "a.png", List.of()));
        for (LlavaRecord record : records) {
            String defined = Sha256.of(LlavaRecordJson.MAPPER.writeValueAsBytes(
                    Arrays.asList(record.language(), record.image(), record.conversations())));
            assertEquals(defined, RecordDigest.content(record, LlavaRecordJson.encode(record)), record.id());
        }
    }
}
