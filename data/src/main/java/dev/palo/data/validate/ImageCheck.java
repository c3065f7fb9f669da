package dev.palo.data.validate;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Checks that a record's image exists under the image root and that ImageIO can decode it. */
final class ImageCheck {

    static {
        // decode in memory: ImageIO's default disk cache only adds temp-file traffic here
        ImageIO.setUseCache(false);
    }

    private final Path root;

    ImageCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Optional<Rejection> check(String image) {
        Path file = root.resolve(image).normalize();
        if (!file.startsWith(root)) {
            // ImagePathCheck refuses such paths first; a link or an odd normalisation must still not escape
            return Optional.of(new Rejection(RejectReason.UNSAFE_IMAGE_PATH, "image '" + image
                    + "' points outside the image root " + root));
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(new Rejection(RejectReason.MISSING_IMAGE, "image '" + image + "' not found under " + root));
        }
        try {
            if (ImageIO.read(file.toFile()) == null) {
                return Optional.of(new Rejection(RejectReason.UNREADABLE_IMAGE, "image '" + image
                        + "' is not in a format ImageIO can decode"));
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO signals a damaged file with IOException or, from some decoders, a runtime exception
            return Optional.of(new Rejection(RejectReason.UNREADABLE_IMAGE, "image '" + image + "' cannot be decoded: " + e));
        }
        return Optional.empty();
    }
}
