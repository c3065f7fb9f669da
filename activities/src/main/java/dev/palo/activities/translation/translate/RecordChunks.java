package dev.palo.activities.translation.translate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Consecutive chunks of {@code size} items (the last may be shorter), read lazily from an iterator. */
final class RecordChunks {
    private RecordChunks() {
    }

    static <T> Iterator<List<T>> of(Iterator<T> items, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be > 0, got " + size);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public List<T> next() {
                if (!items.hasNext()) {
                    throw new NoSuchElementException("no chunk left");
                }
                List<T> chunk = new ArrayList<>(size);
                while (chunk.size() < size && items.hasNext()) {
                    chunk.add(items.next());
                }
                return chunk;
            }
        };
    }
}
