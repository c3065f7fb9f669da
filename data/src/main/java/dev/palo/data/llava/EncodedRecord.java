package dev.palo.data.llava;

/**
 * A record as {@link LlavaRecordJson#toBytes} writes it, with where its {@code conversations} array and that array's
 * turns lie in the bytes: the dataset build hashes the conversations for deduplication, and taking them from these
 * bytes spares encoding the record's longest part a second time.
 *
 * @param json              the record's JSON object, compact UTF-8
 * @param conversationsFrom index of the array's {@code [} in {@code json}
 * @param turnCloses        index of each turn's closing {@code }}, in order
 * @param conversationsTo   index just after the array's {@code ]}
 */
public record EncodedRecord(byte[] json, int conversationsFrom, int[] turnCloses, int conversationsTo) {
}
