package dev.apilab.console;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** Sets up logging for the command line: one short line per record on standard output, at LOG_LEVEL. */
public final class Logs {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** JUL holds loggers weakly: a level set on one that is then collected would be lost. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private Logs() {}

    public static void configure(String level, PrintStream out) {
        LogManager.getLogManager().reset();
        Level threshold = switch (level) {
            case "error" -> Level.SEVERE;
            case "warn" -> Level.WARNING;
            case "debug" -> Level.FINE;
            default -> Level.INFO;
        };
        Logger root = Logger.getLogger("");
        root.setLevel(threshold);
        // JUL closes its handlers at shutdown; the stream must stay open for the last lines.
        OutputStream unclosable = new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        Handler handler = new StreamHandler(unclosable, new OneLine()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(threshold);
        root.addHandler(handler);
        if (threshold.intValue() >= Level.INFO.intValue()) {
            // The libraries' start-up chatter would bury the banner; their warnings still show.
            for (String library : new String[] {"io.helidon", "com.zaxxer.hikari", "org.flywaydb"}) {
                Logger logger = Logger.getLogger(library);
                logger.setLevel(Level.WARNING);
                QUIETED.add(logger);
            }
        }
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            String line = LocalTime.now().format(TIME) + " " + label(record.getLevel()) + " "
                    + shortName(record.getLoggerName()) + " " + formatMessage(record) + System.lineSeparator();
            if (record.getThrown() == null) {
                return line;
            }
            var trace = new java.io.StringWriter();
            record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
            return line + trace;
        }

        private static String label(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) return "ERROR";
            if (level.intValue() >= Level.WARNING.intValue()) return "WARN ";
            if (level.intValue() >= Level.INFO.intValue()) return "INFO ";
            return "DEBUG";
        }

        private static String shortName(String name) {
            if (name == null) return "-";
            return name.startsWith("apilab.") ? name.substring("apilab.".length()) : name;
        }
    }
}
