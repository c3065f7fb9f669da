package dev.palo.data.validate;

/** Why validation quarantined a record; {@link #code()} is stable and is what quarantine files and reports carry. */
public enum RejectReason {
    /** The record's bytes are not valid UTF-8. */
    INVALID_UTF8("invalid_utf8"),
    /** The record is bigger than the configured limit. */
    RECORD_TOO_LARGE("record_too_large"),
    /** Not JSON, or JSON that is not a LLaVA record (missing id/conversations, wrong types). */
    MALFORMED_RECORD("malformed_record"),
    /** A language code or a {@code <language>_conversation} field the language registry does not know. */
    UNKNOWN_LANGUAGE("unknown_language"),
    /** PALO's translation check already marked the sample {@code corrupt}; PALO's training drops these too. */
    FLAGGED_CORRUPT("flagged_corrupt"),
    /** A conversation with no turns at all. */
    EMPTY_CONVERSATION("empty_conversation"),
    /** Roles are not human, gpt, human, gpt…, starting with human and ending with gpt. */
    ROLES_NOT_ALTERNATING("roles_not_alternating"),
    /** A turn whose text is empty or blank. */
    EMPTY_TURN("empty_turn"),
    /** A gpt turn contains {@code <image>}: the model would be trained to emit the placeholder. */
    IMAGE_TOKEN_IN_GPT_TURN("image_token_in_gpt_turn"),
    /** The record has an image but no {@code <image>} placeholder: the image would never be seen. */
    MISSING_IMAGE_TOKEN("missing_image_token"),
    /** More than one {@code <image>} for the one image a record carries. */
    DUPLICATE_IMAGE_TOKEN("duplicate_image_token"),
    /** {@code <image>} in a record without an image. */
    IMAGE_TOKEN_WITHOUT_IMAGE("image_token_without_image"),
    /** The image path could leave the image folder or is not a plain relative path (absolute, {@code ..}, URL…). */
    UNSAFE_IMAGE_PATH("unsafe_image_path"),
    /** The image file is not under the image root. */
    MISSING_IMAGE("missing_image"),
    /** The image file exists but ImageIO cannot decode it. */
    UNREADABLE_IMAGE("unreadable_image");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
