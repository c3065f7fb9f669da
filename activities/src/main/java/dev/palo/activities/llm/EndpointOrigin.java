package dev.palo.activities.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a request goes, as far as a secret is concerned: scheme, host and port (RFC 6454 origin).
 * Paths do not matter: whoever runs {@code host:port} reads every request sent there.
 */
public record EndpointOrigin(String scheme, String host, int port) {
    public EndpointOrigin {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("an endpoint must be http or https, got " + scheme);
        }
    }

    /** The origin of an http(s) URL; the default port is filled in, the host lower-cased. */
    public static EndpointOrigin of(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("an endpoint URL needs a host and no user info: " + url);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return new EndpointOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
