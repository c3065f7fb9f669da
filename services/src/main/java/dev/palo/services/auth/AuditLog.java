package dev.palo.services.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.activities.storage.MinioObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every state-changing call, one JSON line per action in the store: {@code audit/<date>/<time>-<id>.jsonl}. One object
 * per action, because S3 cannot append; a day's log is those objects in key order. The line holds who (the token's
 * name and roles), what (method, path), when and the result (HTTP status), never a request body.
 */
@ApplicationScoped
public class AuditLog {
    static final String PREFIX = "audit/";
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss.SSS").withZone(ZoneOffset.UTC);

    @Inject
    MinioObjectStore store;

    public void record(String who, List<String> roles, String method, String path, int status) {
        Instant now = Instant.now();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", now.toString());
        line.put("who", who);
        line.put("roles", roles);
        line.put("method", method);
        line.put("path", path);
        line.put("status", status);
        String key = PREFIX + DAY.format(now) + "/" + TIME.format(now) + "-" + UUID.randomUUID() + ".jsonl";
        try {
            store.put(key, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                    "application/x-ndjson", 1);
        } catch (IOException e) {
            // the action happened: its line goes to the server log rather than nowhere
            LOG.errorf(e, "audit line not stored: %s", line);
        }
    }

    /** A day's lines (ISO date, UTC), in order. */
    public String day(String date) throws IOException {
        List<String> keys = new ArrayList<>(store.list(PREFIX + date + "/"));
        StringBuilder lines = new StringBuilder();
        for (String key : keys) {
            try (var in = store.open(store.stat(key).orElseThrow())) {
                lines.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return lines.toString();
    }
}
