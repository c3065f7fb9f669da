package dev.palo.data.validate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a validation run did: every record is either accepted or counted under exactly one reason.
 *
 * @param rejected     count per reason, every reason present (zero when unused), in {@link RejectReason} order
 * @param fileProblems faults of the file as a whole that belong to no record (e.g. a missing closing bracket)
 */
public record ValidationResult(long records, long accepted, Map<RejectReason, Long> rejected, long bytes,
                               List<String> fileProblems) {

    public ValidationResult {
        EnumMap<RejectReason, Long> all = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            all.put(reason, rejected.getOrDefault(reason, 0L));
        }
        rejected = Collections.unmodifiableMap(all);
        fileProblems = List.copyOf(fileProblems);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason);
    }
}
