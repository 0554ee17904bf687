package dev.apilab;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 8 so that an older Java than apilab needs prints what to do
 * instead of an UnsupportedClassVersionError. Everything else is Java 21 and starts in {@code Main}.
 */
public final class Launcher {
    private static final int REQUIRED_JAVA = 21;
    private static final int BAD_CONFIGURATION = 2;

    private Launcher() {}

    public static void main(String[] args) throws Throwable {
        String version = System.getProperty("java.specification.version", "unknown");
        if (featureVersion(version) < REQUIRED_JAVA) {
            System.err.println("apilab needs Java " + REQUIRED_JAVA + " or newer; this is Java " + version
                    + " (" + System.getProperty("java.home") + ").");
            System.err.println("Run it with the java of a JDK 21 or newer, e.g. /path/to/jdk-21/bin/java -jar target/apilab.jar");
            System.exit(BAD_CONFIGURATION);
        }
        // Before anything logs: requests finished during shutdown keep their log lines (see ShutdownSafeLogManager).
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "dev.apilab.console.ShutdownSafeLogManager");
        }
        try {
            // By name: a direct reference would make this class depend on Java 21 class files.
            Class.forName("dev.apilab.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" is Java 8, "17" is Java 17. */
    static int featureVersion(String specification) {
        String feature = specification.startsWith("1.") ? specification.substring(2) : specification;
        int dot = feature.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
