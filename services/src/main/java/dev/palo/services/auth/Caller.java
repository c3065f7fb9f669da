package dev.palo.services.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonString;
import jakarta.ws.rs.ForbiddenException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified token only: the name every decision and audit line records, the roles, and the
 * languages a reviewer may see and decide.
 */
@RequestScoped
@Named("caller")  // the dashboard's templates read it ({inject:caller.operates}) to hide what the role may not do
public class Caller {
    @Inject
    JsonWebToken token;

    /** The token's {@code upn}, else {@code preferred_username}, else its subject. */
    public String name() {
        String name = token.getName();
        return name != null ? name : token.getSubject();
    }

    public Set<String> roles() {
        return token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    /** The reviewer's languages; empty for a token without the claim. */
    public List<String> languages() {
        Object claim = token.getClaim(Roles.LANGUAGES_CLAIM);
        if (claim instanceof Collection<?> values) {
            // a JSON array claim: its elements are JSON strings, whose toString() would keep the quotes
            return values.stream().map(value -> value instanceof JsonString text ? text.getString() : value.toString())
                    .toList();
        }
        if (claim instanceof String text && !text.isBlank()) {
            return List.of(text.split(","));
        }
        return List.of();
    }

    /** False on the login page, before any token. */
    public boolean signedIn() {
        return token.getRawToken() != null;
    }

    /** May start and cancel runs. */
    public boolean operates() {
        return has(Roles.ADMIN) || has(Roles.OPERATOR);
    }

    /** May decide the review tasks of {@code language}. */
    public boolean reviews(String language) {
        return has(Roles.ADMIN) || (has(Roles.REVIEWER) && languages().contains(language));
    }

    /** Null (any language) for an admin; a reviewer's languages otherwise. */
    public List<String> reviewLanguages() {
        return has(Roles.ADMIN) ? null : languages();
    }

    /** Admins, operators and viewers read every review; reviewers only their languages'. */
    public void requireReadable(String language) {
        if (has(Roles.ADMIN) || has(Roles.OPERATOR) || has(Roles.VIEWER)) {
            return;
        }
        requireReviewerOf(language);
    }

    /** Admins decide any language; reviewers only theirs. */
    public void requireReviewerOf(String language) {
        if (!reviews(language)) {
            throw new ForbiddenException(name() + " may not review " + language + " (reviewer languages: "
                    + (has(Roles.REVIEWER) ? languages() : "none, not a reviewer") + ")");
        }
    }
}
