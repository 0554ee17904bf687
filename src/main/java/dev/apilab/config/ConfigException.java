package dev.apilab.config;

/** A configuration or start-up problem, told in one line that names the variable, its value and what is allowed. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }

    static ConfigException invalid(String variable, String value, String allowed) {
        return new ConfigException("Invalid " + variable + "=\"" + value + "\": " + allowed);
    }
}
