package dev.palo.services.auth;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Hands every state-changing call (POST, PUT, PATCH, DELETE), refused ones included, to the {@link AuditLog} once its
 * answer is known. The store write runs on a thread of its own: the answer does not wait for it, and a filter on the
 * I/O thread (a 401 answered before any resource ran) never blocks.
 */
public class AuditFilter {
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-writer");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    AuditLog audit;
    @Inject
    CurrentIdentityAssociation identities;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (!CHANGING.contains(method)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        int status = response.getStatus();
        // the identity resolves lazily (it may have to verify a token): never wait for it on this thread
        identities.getDeferredIdentity().subscribe().with(
                identity -> WRITER.submit(() -> audit.record(who(identity), roles(identity), method, path, status)),
                failure -> WRITER.submit(() -> audit.record("unauthenticated", List.of(), method, path, status)));
    }

    private static String who(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    private static List<String> roles(SecurityIdentity identity) {
        return identity.getRoles().stream().sorted().toList();
    }
}
