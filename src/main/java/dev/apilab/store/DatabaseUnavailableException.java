package dev.apilab.store;

/** The database cannot be reached right now (an outage, a restart); the request may be retried. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(Throwable cause) {
        super("The database is unavailable", cause);
    }
}
