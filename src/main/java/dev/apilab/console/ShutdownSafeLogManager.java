package dev.apilab.console;

import java.util.logging.LogManager;

/**
 * JUL's log manager, except that JUL's own shutdown hook does not remove the handlers: apilab's shutdown
 * hook is still finishing requests then, and each of them is owed its access-log line. The process ends
 * right after that hook, so nothing is left to clean up.
 */
public final class ShutdownSafeLogManager extends LogManager {
    /** Set before anything logs (the launcher and {@code Main} do it): JUL reads it once, at first use. */
    public static final String PROPERTY = "java.util.logging.manager";

    @Override
    public void reset() {
        // JUL's hook runs reset() on a thread of its own class, LogManager$Cleaner; only that call is skipped.
        if (!Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$")) {
            super.reset();
        }
    }
}
