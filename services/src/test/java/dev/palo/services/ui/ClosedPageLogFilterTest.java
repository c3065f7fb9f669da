package dev.palo.services.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ClosedPageLogFilterTest {
    private final ClosedPageLogFilter filter = new ClosedPageLogFilter();

    @Test
    void aClosedTabsBrokenPipeIsDroppedAndEverythingElseLogs() {
        assertFalse(filter.isLoggable(record(ClosedPageLogFilter.HANDLER, new IOException("Broken pipe"))));
        assertFalse(filter.isLoggable(record(ClosedPageLogFilter.HANDLER,
                new RuntimeException(new IOException("Connection reset by peer")))));
        assertTrue(filter.isLoggable(record(ClosedPageLogFilter.HANDLER, new IllegalStateException("template failed"))));
        assertTrue(filter.isLoggable(record("dev.palo.services.ui.LiveStreams", new IOException("Broken pipe"))));
        assertTrue(filter.isLoggable(record(ClosedPageLogFilter.HANDLER, null)));
    }

    private static LogRecord record(String logger, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Exception in SSE server handling");
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }
}
