package dev.apilab.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One HTTP/1.1 connection and where it stands with its client: waiting for a request, receiving one, or
 * handling one. Every read from and write to the socket passes through here, so the watchdog in
 * {@link ClientDeadlines} knows how long the client has kept the server waiting (to send, or to read
 * what it was sent) and can close the connection when it is too long.
 */
final class TimedConnection implements ServerConnection {
    private static final System.Logger LOG = System.getLogger("apilab.access");
    private static final long SHUTDOWN_LEEWAY_NANOS = 1_000_000_000L;

    private enum Phase {
        /** No byte of the next request yet (a fresh or a kept-alive connection). */
        WAITING,
        /** Part of a request's line or headers has arrived. */
        RECEIVING,
        /** Headers complete; the handler runs and may read the body. */
        HANDLING,
        /** Closed by the watchdog; the reading thread must not carry on. */
        CLOSED
    }

    private final TimedContext context;
    private final Set<TimedConnection> open;
    private final ServerConnection http1;
    private Phase phase = Phase.WAITING;
    private long phaseStarted = System.nanoTime();
    private boolean readingFromClient;
    /** When a write to the client began and has not finished (0 when none): a client that stops reading. */
    private long writingSince;
    private boolean answered;
    /** The answer said {@code Connection: close}: nothing after it on this connection is read. */
    private boolean closeAfterAnswer;
    /** When the server began to shut down (0 while it runs). */
    private long shutdownSince;

    TimedConnection(ConnectionContext helidon, Http1ConnectionSelector http1, Set<TimedConnection> open) {
        this.context = new TimedContext(helidon, this);
        this.open = open;
        this.http1 = http1.connection(context);
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        open.add(this);
        try {
            http1.handle(limit);
        } finally {
            open.remove(this);
        }
    }

    @Override
    public Duration idleTime() {
        return http1.idleTime();
    }

    /**
     * Helidon calls this on shutdown. A connection with no request, or only part of one, has nothing in
     * flight: it gets a second to finish its request, then the watchdog closes it, instead of it holding
     * the shutdown for the whole grace period.
     */
    @Override
    public void close(boolean interrupt) {
        http1.close(interrupt);
        synchronized (this) {
            if (shutdownSince == 0) {
                shutdownSince = System.nanoTime();
            }
        }
    }

    /** Reads the next bytes the client sends (null at its end), noting the wait; runs on the connection's thread. */
    byte[] readFromClient(Supplier<byte[]> socket) {
        synchronized (this) {
            // Answered, and Helidon is reading a request line again: a new request.
            if (answered && readingRequestLine()) {
                requireOpen();
                enter(Phase.WAITING);
            }
            readingFromClient = true;
        }
        byte[] bytes;
        try {
            bytes = socket.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                readingFromClient = false;
                // The watchdog closed the socket under the read: end quietly, the client has its answer.
                throw phase == Phase.CLOSED ? timedOut() : e;
            }
        }
        synchronized (this) {
            readingFromClient = false;
            if (phase == Phase.CLOSED) {
                throw timedOut();
            }
            if (phase == Phase.WAITING && bytes != null) {
                enter(Phase.RECEIVING);
                answered = false;
            }
        }
        return bytes;
    }

    /** Helidon has read a request line; one that follows an answer with {@code Connection: close} is not served. */
    synchronized void requestLineRead() {
        if (phase == Phase.CLOSED) {
            throw timedOut();
        }
        if (answered) {
            // A pipelined request, read from Helidon's buffer: its own clock starts now, not the last one's.
            requireOpen();
            enter(Phase.RECEIVING);
            answered = false;
        }
    }

    /** The request's headers are all in; {@code clientCloses} when it said {@code Connection: close}. */
    synchronized void headersComplete(boolean clientCloses) {
        if (phase == Phase.CLOSED) {
            throw timedOut();
        }
        enter(Phase.HANDLING);
        answered = false;
        closeAfterAnswer |= clientCloses;
    }

    synchronized void answerStarted(boolean closesConnection) {
        answered = true;
        if (closesConnection || closeAfterAnswer) {
            closeAfterAnswer = true;
            // Helidon's loop ends after this answer, so what follows in its buffer is never parsed. Not for
            // an answer to a request line it could not read: that path closes by itself, and close() would
            // interrupt the thread (it is still "reading the request line") before the answer is written.
            if (!readingRequestLine()) {
                http1.close(false);
            }
        }
    }

    /** Writes to the client, noting the wait: a client that stops reading blocks the write. */
    void writeToClient(Runnable write) {
        synchronized (this) {
            writingSince = System.nanoTime();
        }
        try {
            write.run();
        } finally {
            synchronized (this) {
                writingSince = 0;
            }
        }
    }

    /**
     * Helidon answers some broken requests (a bad chunked body) with {@code Connection: close} and then
     * carries on reading; whatever the client sent after them must not be taken for a request.
     */
    private void requireOpen() {
        if (closeAfterAnswer) {
            throw new CloseConnectionException("the last answer closed the connection");
        }
    }

    /** Called by the watchdog: closes the connection if the client has kept it waiting longer than allowed. */
    synchronized void closeIfLate(long now, long timeoutNanos, String timeoutText) {
        boolean late = now - phaseStarted > timeoutNanos;
        boolean notReading = writingSince != 0 && now - writingSince > timeoutNanos;
        boolean stopping = shutdownSince != 0 && now - shutdownSince > SHUTDOWN_LEEWAY_NANOS;
        boolean clientIsLate = switch (phase) {
            case WAITING, RECEIVING -> late || stopping;
            case HANDLING -> late && readingFromClient || notReading;
            case CLOSED -> false;
        };
        if (!clientIsLate) {
            return;
        }
        boolean owesAnswer = phase != Phase.WAITING && !answered && !notReading;
        enter(Phase.CLOSED);
        try {
            if (owesAnswer && late) {
                // A few hundred bytes into a send buffer this client has not filled: this does not block.
                context.dataWriter().writeNow(BufferData.create(requestTimeout(timeoutText)));
                LOG.log(System.Logger.Level.INFO, "408 from " + context.remotePeer().host()
                        + ": the request did not arrive in full within " + timeoutText);
            }
            context.serverSocket().close();
        } catch (UncheckedIOException e) {
            // The client closed it first: nothing left to close.
        }
    }

    /** Helidon's connection says it is reading a request line (its canInterrupt is exactly that). */
    private boolean readingRequestLine() {
        return http1 instanceof InterruptableTask<?> task && task.canInterrupt();
    }

    /** Helidon ends a connection quietly on this exception, also when it comes out of a request handler. */
    static CloseConnectionException timedOut() {
        return new CloseConnectionException("the client did not send its request in time");
    }

    private void enter(Phase next) {
        phase = next;
        phaseStarted = System.nanoTime();
    }

    private static byte[] requestTimeout(String timeoutText) {
        byte[] body = Json.write(Errors.body("The request did not arrive in full within " + timeoutText
                + "; the connection is closed")).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 408 Request Timeout\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n")
                .append(SecurityHeaders.NO_STORE.getKey()).append(": ").append(SecurityHeaders.NO_STORE.getValue()).append("\r\n");
        SecurityHeaders.EVERY_ANSWER.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] head8 = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head8.length + body.length];
        System.arraycopy(head8, 0, answer, 0, head8.length);
        System.arraycopy(body, 0, answer, head8.length, body.length);
        return answer;
    }
}
