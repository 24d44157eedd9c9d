package dev.lightbox.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The audit log lines the application writes while some requests run (in-process tests only). */
public final class AuditLines {

    private AuditLines() {
    }

    public static List<String> during(Runnable requests) {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger audit = Logger.getLogger("lightbox.audit");
        audit.addHandler(capture);
        try {
            requests.run();
        } finally {
            audit.removeHandler(capture);
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
