package dev.palo.activities.training;

import dev.palo.activities.storage.StagedImages;
import dev.palo.data.llava.LlavaRecord;
import dev.palo.model.Constants;
import dev.palo.model.conversation.ConversationTemplate;
import dev.palo.model.conversation.ConversationTurn;
import dev.palo.model.conversation.TokenizedConversation;
import dev.palo.model.tokenizer.TextTokenizer;
import dev.palo.model.vision.ImagePreprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records turned into samples in input order (the order the seeded data order permutes): PALO's
 * {@code corrupt} records, records the template cannot take and records left without a supervised
 * token are counted and left out. Only {@code conversations} is read; PALO's
 * {@code english_conversations} and per-language copies are provenance, not training text.
 */
final class TokenizedRecords {
    private record Pending(long[] inputIds, long[] labels, String image) {
    }

    private final ConversationTemplate template;
    private final TextTokenizer tokenizer;
    private final int maxLength;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> images = new LinkedHashSet<>();
    private long read;
    private long corrupt;
    private long invalid;
    private long unsupervised;

    TokenizedRecords(ConversationTemplate template, TextTokenizer tokenizer, int maxLength) {
        this.template = template;
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
    }

    void add(LlavaRecord record) {
        read++;
        if (Boolean.TRUE.equals(record.corrupt())) {
            corrupt++;
            return;
        }
        TokenizedConversation tokens;
        try {
            tokens = template.tokenize(record.conversations().stream()
                    .map(turn -> new ConversationTurn(turn.from(), turn.value())).toList(), tokenizer, maxLength);
        } catch (IllegalArgumentException e) {
            invalid++;
            return;
        }
        boolean placeholder = Arrays.stream(tokens.inputIds()).anyMatch(id -> id == Constants.IMAGE_TOKEN_INDEX);
        if (placeholder != record.hasImage()) {
            invalid++;
            return;
        }
        if (Arrays.stream(tokens.labels()).allMatch(label -> label == Constants.IGNORE_INDEX)) {
            unsupervised++;
            return;
        }
        pending.add(new Pending(tokens.inputIds(), tokens.labels(), record.image()));
        if (record.hasImage()) {
            images.add(record.image());
        }
    }

    /** Distinct image paths of the kept records, relative to the image prefix. */
    Set<String> images() {
        return images;
    }

    /** The samples whose image (if any) {@code staged} holds; the others are counted as missing. */
    Result finish(StagedImages staged, ImagePreprocessor preprocessor) {
        List<ConversationDataset.Entry> entries = new ArrayList<>(pending.size());
        long missing = 0;
        for (Pending sample : pending) {
            Path image = sample.image() == null ? null : staged.root().resolve(sample.image()).normalize();
            if (image != null && !(image.startsWith(staged.root()) && Files.isRegularFile(image))) {
                missing++;
            } else {
                entries.add(new ConversationDataset.Entry(sample.inputIds(), sample.labels(), image));
            }
        }
        return new Result(new ConversationDataset(entries, preprocessor),
                new RecordCounts(read, entries.size(), corrupt, invalid, unsupervised, missing));
    }

    record Result(ConversationDataset dataset, RecordCounts counts) {
    }
}
