package dev.palo.services.ui;

import io.quarkus.logging.LoggingFilter;
import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops RESTEasy's ERROR for a live stream whose page was closed: writing the next fragment to a browser tab that
 * went away fails with "Broken pipe" or "Connection reset", which is how every stream ends, not a fault; logged as
 * an error, each closed tab would page an operator watching the app's JSON logs. Other failures of that handler
 * still log.
 */
@LoggingFilter(name = "closed-page")
public final class ClosedPageLogFilter implements Filter {
    static final String HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(HANDLER.equals(record.getLoggerName()) && clientGone(record.getThrown()));
    }

    static boolean clientGone(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (cause instanceof IOException && message != null
                    && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
