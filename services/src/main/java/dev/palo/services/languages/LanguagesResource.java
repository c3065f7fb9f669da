package dev.palo.services.languages;

import dev.palo.services.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.palo.data.lang.Language;
import dev.palo.data.lang.LanguageRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The language registry, for clients that offer a choice of target languages (the dashboard's start form). */
@Path("/api/languages")
@Tag(name = "languages", description = "Languages the platform can target")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class LanguagesResource {
    /**
     * @param code      the code a run names
     * @param rtl       written right to left (Arabic, Urdu)
     * @param resource  HIGH or LOW, as Table 1 groups them
     * @param defaultSet in the runs that name no languages (the registry's default set)
     */
    public record LanguageInfo(String code, String name, String nativeName, boolean rtl, String resource,
                               boolean defaultSet) {
        static LanguageInfo of(Language language) {
            return new LanguageInfo(language.code(), language.name(), language.nativeName(), language.isRightToLeft(),
                    language.resourceLevel().name(), language.defaultSet());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every registered language, in the registry's order")
    public List<LanguageInfo> list() {
        return all();
    }

    public static List<LanguageInfo> all() {
        return LanguageRegistry.palo().all().stream().map(LanguageInfo::of).toList();
    }
}
