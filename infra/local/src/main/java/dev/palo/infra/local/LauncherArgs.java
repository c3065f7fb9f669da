package dev.palo.infra.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} options a launcher is started with, checked up front. */
final class LauncherArgs {
    private final String launcher;
    private final Map<String, String> values = new HashMap<>();

    LauncherArgs(String launcher, String[] args, List<String> required) {
        this.launcher = launcher;
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(launcher + ": expected '--name value' pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        for (String name : required) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(launcher + ": missing required option --" + name);
            }
        }
    }

    String text(String name) {
        return values.get(name);
    }

    Path path(String name) {
        return Path.of(values.get(name)).toAbsolutePath();
    }

    int port(String name) {
        String raw = values.get(name);
        try {
            int port = Integer.parseInt(raw);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(launcher + ": --" + name + " must be a TCP port (1-65535), got '" + raw + "'");
        }
    }
}
