package dev.palo.services.settings;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@link PaloSettings} for a command that runs without Quarkus ({@code ./palo token}): the app's
 * application.properties and an environment, read as Quarkus reads them (expressions expanded, variables over the
 * file, {@code palo.home} ← {@code PALO_HOME}), so the command and the app agree on every name and default.
 */
public final class StandaloneSettings {
    private static final int APPLICATION_PROPERTIES = 250;
    private static final int ENVIRONMENT = 300;

    private StandaloneSettings() {
    }

    public static PaloSettings read(Map<String, String> environment) {
        return config(environment).getConfigMapping(PaloSettings.class);
    }

    /** The config itself, for a check of what application.properties derives from the settings. */
    public static SmallRyeConfig config(Map<String, String> environment) {
        try {
            return new SmallRyeConfigBuilder().addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(
                            StandaloneSettings.class.getClassLoader().getResource("application.properties"),
                            APPLICATION_PROPERTIES))
                    .withSources(new EnvConfigSource(environment, ENVIRONMENT))
                    .withMapping(PaloSettings.class).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the app's application.properties", e);
        }
    }
}
