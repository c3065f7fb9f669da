package dev.palo.services.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.failsafe.RateLimiter;
import dev.palo.services.settings.PaloSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * Run starts per caller: a bursty limit of {@code palo.auth.run-starts-per-minute} for each token's name, so one
 * script or a stolen token cannot flood Temporal with pipelines. Over it, a 429 that says when to retry. Every door
 * that starts runs or studies takes a permit (the API, the dashboard's forms, retries); the start doors take it before
 * they check the request, so bad requests count too and cannot probe past the limit.
 */
@ApplicationScoped
public class RunStartLimiter {
    private static final int TOO_MANY = 429;

    @Inject
    PaloSettings settings;

    private final Cache<String, RateLimiter<Object>> limiters = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000).build();

    public void acquire(String caller) {
        int perMinute = settings.auth().runStartsPerMinute();
        RateLimiter<Object> limiter = limiters.get(caller,
                name -> RateLimiter.burstyBuilder(perMinute, Duration.ofMinutes(1)).build());
        if (!limiter.tryAcquirePermit()) {
            String why = caller + " started more than " + perMinute
                    + " runs in a minute (palo.auth.run-starts-per-minute); retry later";
            // the message too, not only the entity: the dashboard's error pages show an exception's message
            throw new ClientErrorException(why, Response.status(TOO_MANY).header("Retry-After", "60")
                    .entity(new dev.palo.services.api.ApiError(why)).type("application/json").build());
        }
    }
}
