package dev.palo.model.translator;

import java.util.regex.Pattern;

/** The target-language tag that opens every prompt ({@code <2fr>}), so one model serves every language. */
final class LanguageTag {
    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

    private LanguageTag() {
    }

    static String check(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("language code must be 2-3 lower-case letters (ISO 639), got '" + code + "'");
        }
        return code;
    }

    static String of(String code) {
        return "<2" + check(code) + ">";
    }
}
