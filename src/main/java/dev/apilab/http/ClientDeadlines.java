package dev.apilab.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 connections with deadlines on the client: a connection that sends nothing, a request whose headers
 * are not complete, or a body that stops arriving is closed after the client timeout (with a 408 once a request
 * has begun). Helidon's own idle check only closes connections that are idle between requests, so a client
 * sending one byte at a time (slow loris) could otherwise hold a connection for as long as it liked.
 */
public final class ClientDeadlines implements ServerConnectionSelector, AutoCloseable {
    private final Http1ConnectionSelector http1;
    private final long timeoutNanos;
    private final String timeoutText;
    private final Set<TimedConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("apilab-client-deadlines").factory());

    /** {@code http1} holds the protocol's limits; the listeners that follow each request are added here. */
    public ClientDeadlines(Http1Config.Builder http1, Duration timeout) {
        Http1Config withMarker = http1
                .addReceiveListener(new HeadersComplete())
                .addSendListener(new AnswerStarted())
                .build();
        this.http1 = Http1ConnectionSelector.builder().config(withMarker).build();
        this.timeoutNanos = timeout.toNanos();
        this.timeoutText = describe(timeout);
        long checkEvery = Math.clamp(timeout.toMillis() / 8, 50, 1000);
        watchdog.scheduleWithFixedDelay(this::closeLateConnections, checkEvery, checkEvery, TimeUnit.MILLISECONDS);
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    /** Always ours: this is the server's only protocol, so Helidon hands over each connection as it is accepted. */
    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new TimedConnection(ctx, http1, open);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private void closeLateConnections() {
        long now = System.nanoTime();
        for (TimedConnection connection : open) {
            try {
                connection.closeIfLate(now, timeoutNanos, timeoutText);
            } catch (RuntimeException e) {
                // One connection failing to close must not stop the watchdog for the others.
                System.getLogger("apilab.http").log(System.Logger.Level.DEBUG, "could not close a late connection", e);
            }
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** Helidon calls these as a request arrives: once its headers are in, the request is the server's work. */
    private static final class HeadersComplete implements Http1ConnectionListener {
        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            if (ctx instanceof TimedContext timed) {
                timed.connection().requestLineRead();
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (ctx instanceof TimedContext timed) {
                timed.connection().headersComplete(headers.contains(HeaderValues.CONNECTION_CLOSE));
            }
        }

        @Override
        public void data(ConnectionContext ctx, BufferData data) {}
    }

    /** Helidon calls this as it writes an answer's head: a late client now gets no second answer. */
    private static final class AnswerStarted implements Http1ConnectionListener {
        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (ctx instanceof TimedContext timed) {
                timed.connection().answerStarted(headers.contains(HeaderValues.CONNECTION_CLOSE));
            }
        }

        @Override
        public void data(ConnectionContext ctx, BufferData data) {}
    }
}
