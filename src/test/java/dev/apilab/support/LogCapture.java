package dev.apilab.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects every log line the server writes while open, formatted with its stack trace, for assertions. */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    public LogCapture() {
        root.addHandler(handler);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits (up to 5 s) for a line containing {@code text}: the access log is written once the answer is sent. */
    public String awaitLineContaining(String text) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.contains(text)) {
                    return line;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no log line contains " + text + "; lines: " + lines);
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
