package dev.palo.activities.storage;

/**
 * The shape every object key must have before a store client sees it. S3 itself accepts almost any key, but
 * client libraries normalise {@code ..} differently (the MinIO client throws), filesystem-backed servers map keys
 * to paths, and the platform builds keys from names users send: so a key is plain segments joined by '/', with no
 * empty, {@code .} or {@code ..} segment, no control character or backslash, at most {@value #MAX_BYTES} bytes.
 */
public final class ObjectKeys {
    /** S3's own limit on a key's UTF-8 length. */
    public static final int MAX_BYTES = 1024;

    private ObjectKeys() {
    }

    /** Returns {@code key} unchanged, or throws {@link InvalidObjectKeyException} saying what is wrong with it. */
    public static String check(String key) {
        String why = problem(key);
        if (why != null) {
            throw new InvalidObjectKeyException("object key '" + printable(key) + "' " + why);
        }
        return key;
    }

    /** A listing prefix: empty, or a key that may end with '/'. */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    private static String problem(String key) {
        if (key == null || key.isEmpty()) {
            return "is empty";
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "is longer than " + MAX_BYTES + " bytes";
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "holds a control character";
        }
        if (key.indexOf('\\') >= 0) {
            return "holds a backslash";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment (a leading, trailing or double '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
        }
        return null;
    }

    private static String printable(String key) {
        if (key == null) {
            return "null";
        }
        String shown = key.length() > 120 ? key.substring(0, 120) + "…" : key;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
