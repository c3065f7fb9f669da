package dev.palo.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Temporal history as text a grep can search: payload bytes are base64 in its JSON, so they are decoded beside it. */
public final class HistoryText {
    private static final Pattern DATA = Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=]+)\"");

    private HistoryText() {
    }

    /** {@code historyJson} (WorkflowExecutionHistory.toJson) followed by every payload's bytes as UTF-8 text. */
    public static String withDecodedPayloads(String historyJson) {
        StringBuilder text = new StringBuilder(historyJson);
        Matcher data = DATA.matcher(historyJson);
        while (data.find()) {
            text.append('\n').append(new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
