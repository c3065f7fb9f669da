package dev.palo.model.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palo.model.tokenizer.BpeTrainer;
import dev.palo.model.tokenizer.HuggingFaceTextTokenizer;
import dev.palo.model.tokenizer.LlamaTokenizerJson;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesDatasetTest {
    @TempDir
    Path dir;

    @Test
    void packingKeepsEveryLineWholeAndInOrderWithinTheLength() {
        List<String> lines = TinyBaseData.corpus(30, 2);
        Path file = dir.resolve("tokenizer.json");
        LlamaTokenizerJson.write(new BpeTrainer(300).train(lines), file);
        try (HuggingFaceTextTokenizer tokenizer = HuggingFaceTextTokenizer.load(file)) {
            TextLinesDataset byLine = TextLinesDataset.encode(tokenizer, lines, 48);
            TextLinesDataset packed = TextLinesDataset.pack(tokenizer, lines, 48);
            assertTrue(packed.size() < byLine.size(), "packing should merge lines");
            IntStream.range(0, packed.size()).forEach(i -> assertTrue(packed.get(i).inputIds().length <= 48));
            long[] allLines = IntStream.range(0, byLine.size())
                    .mapToObj(i -> LongStream.of(byLine.get(i).inputIds())).flatMapToLong(s -> s).toArray();
            long[] allPacks = IntStream.range(0, packed.size())
                    .mapToObj(i -> LongStream.of(packed.get(i).inputIds())).flatMapToLong(s -> s).toArray();
            assertArrayEquals(allLines, allPacks);
        }
    }
}
