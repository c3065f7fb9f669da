package dev.palo.services.auth;

/**
 * The platform's roles, as the {@code groups} claim of a token names them. A reviewer's languages are the
 * {@value #LANGUAGES_CLAIM} claim.
 */
public final class Roles {
    /** Everything, including the audit log and reviews of any language. */
    public static final String ADMIN = "admin";
    /** Starts and cancels runs, uploads data; reads everything. */
    public static final String OPERATOR = "operator";
    /** Sees and decides the review tasks of the languages in the token; reads runs. */
    public static final String REVIEWER = "reviewer";
    /** Reads. */
    public static final String VIEWER = "viewer";
    /** Claim holding a reviewer's language codes. */
    public static final String LANGUAGES_CLAIM = "palo_languages";

    private Roles() {
    }
}
