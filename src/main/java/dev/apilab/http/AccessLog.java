package dev.apilab.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;
import java.util.Locale;

/** One line per request: method, path (secrets redacted), status, time and request id. Never headers or bodies. */
public final class AccessLog implements Filter {
    private static final System.Logger LOG = System.getLogger("apilab.access");
    /** The scheme and user part of an absolute-form target, {@code http://user:password@}. */
    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
    /** A run of 24 or more base64url characters: a token, its secret, or another credential. */
    private static final java.util.regex.Pattern SECRET_LIKE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{24,}");

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long started = System.nanoTime();
        String requestId = RequestIds.assign(request);
        response.header("X-Request-Id", requestId);
        response.whenSent(() -> {
            if (LOG.isLoggable(Level.INFO)) {
                double millis = (System.nanoTime() - started) / 1_000_000.0;
                LOG.log(Level.INFO, String.format(Locale.ROOT, "%s %s %d %.1fms id=%s",
                        request.prologue().method().text(), redact(request.path().rawPath()),
                        response.status().code(), millis, requestId));
            }
        });
        chain.proceed();
    }

    /**
     * The path as it may be logged: a segment after "tokens" can be a bearer secret, and so can any
     * segment shaped like one (a typo'd route), so those are replaced whole. The query string is
     * never logged at all.
     */
    static String redact(String rawPath) {
        // The query is never logged; an absolute-form target (http://user:pass@host/...) loses its user part.
        String path = USER_INFO.matcher(rawPath.split("\\?", 2)[0]).replaceFirst("$1***@");
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean afterTokens = i > 0 && segments[i - 1].equals("tokens");
            if ((afterTokens && !segments[i].isEmpty()) || SECRET_LIKE.matcher(segments[i]).find()) {
                segments[i] = "***";
            }
        }
        return String.join("/", segments);
    }
}
