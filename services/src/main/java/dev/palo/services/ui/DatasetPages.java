package dev.palo.services.ui;

import dev.palo.services.auth.Roles;
import dev.palo.services.datasets.DatasetCatalog;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The sources in the store and the validate stage's reports on them, with their quarantined records. */
@Path("/datasets")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.REVIEWER, Roles.VIEWER})
public class DatasetPages {
    @Inject
    DatasetCatalog catalog;
    @Inject
    ErrorPages errors;
    @Location("datasets.html")
    Template page;

    @GET
    public TemplateInstance list() {
        return page.data("datasets", catalog.list());
    }

    @ServerExceptionMapper
    public Response failed(HttpHeaders headers, Throwable error) {
        return errors.render(headers.getHeaderString("HX-Request") != null, error);
    }
}
