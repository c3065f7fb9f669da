package dev.palo.services.triggers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palo.services.runs.StartRunRequest;
import dev.palo.services.settings.PaloSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The run settings a trigger event names by {@code recipe}: a {@code POST /api/runs} body in
 * {@code <palo.triggers.recipes-dir>/<name>.json}, read at each event (an operator edits a file, no restart), or one
 * of the app's built-in recipes. The event itself adds only what it is about: the source, the languages, corrections.
 */
@ApplicationScoped
public class Recipes {
    static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String BUILT_IN = "/dev/palo/services/triggers/recipes/";

    private final Optional<Path> dir;
    private final ObjectMapper json;

    @Inject
    Recipes(PaloSettings settings, ObjectMapper json) {
        this(settings.triggers().recipesDir(), json);
    }

    /** Recipes from {@code dir} (empty: the built-in ones only). */
    Recipes(Optional<Path> dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    /** The named recipe; {@link PoisonEvent} when there is none or it is not a run body. */
    StartRunRequest read(String name) {
        String recipe = name == null ? DEFAULT : name;
        if (!NAME.matcher(recipe).matches()) {
            throw new PoisonEvent(PoisonEvent.UNKNOWN_RECIPE, "recipe names are [a-z0-9._-], got '" + recipe + "'");
        }
        try {
            Optional<Path> file = dir.map(folder -> folder.resolve(recipe + ".json")).filter(Files::isRegularFile);
            if (file.isPresent()) {
                return json.readValue(file.get().toFile(), StartRunRequest.class);
            }
            try (InputStream in = Recipes.class.getResourceAsStream(BUILT_IN + recipe + ".json")) {
                if (in == null) {
                    throw new PoisonEvent(PoisonEvent.UNKNOWN_RECIPE, "no recipe '" + recipe + "' in "
                            + dir.map(Path::toString).orElse("(palo.triggers.recipes-dir unset)")
                            + " nor built in");
                }
                return json.readValue(in, StartRunRequest.class);
            }
        } catch (IOException e) {
            throw new PoisonEvent(PoisonEvent.INVALID_RUN, "recipe '" + recipe + "' is not a run body: "
                    + e.getMessage());
        }
    }
}
