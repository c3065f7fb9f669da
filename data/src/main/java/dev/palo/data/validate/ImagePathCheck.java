package dev.palo.data.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of a record's image path, checked for every source whether or not an image root is known: LLaVA
 * resolves {@code image} against its {@code image_folder}, so the path must stay inside that folder. An
 * absolute path, a {@code ..} segment, a URL, a backslash or a control character is refused as
 * {@link RejectReason#UNSAFE_IMAGE_PATH}, never read.
 */
final class ImagePathCheck {
    /** A scheme such as {@code http:}, {@code file:} or {@code s3:}; also Windows drive letters ({@code C:}). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final int MAX_LENGTH = 1024;

    private ImagePathCheck() {
    }

    static Optional<Rejection> check(String image) {
        String why = problem(image);
        return why == null ? Optional.empty()
                : Optional.of(new Rejection(RejectReason.UNSAFE_IMAGE_PATH, "image path '" + printable(image) + "' " + why));
    }

    private static String problem(String image) {
        if (image.isBlank()) {
            return "is blank";
        }
        if (image.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (image.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "holds a control character";
        }
        if (image.indexOf('\\') >= 0) {
            return "holds a backslash; use '/' between folders";
        }
        if (image.startsWith("/") || image.startsWith("~")) {
            return "is absolute; it must be relative to the image folder";
        }
        if (SCHEME.matcher(image).find()) {
            return "is a URL or carries a scheme; it must be a path relative to the image folder";
        }
        for (String segment : image.split("/", -1)) {
            if (segment.equals("..")) {
                return "has a '..' segment, which could leave the image folder";
            }
        }
        return null;
    }

    /** The path as a message may show it: control characters escaped, at most 200 characters. */
    private static String printable(String image) {
        StringBuilder out = new StringBuilder();
        image.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return image.length() > 200 ? out + "…" : out.toString();
    }
}
