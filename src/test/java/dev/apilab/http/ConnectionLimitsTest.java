package dev.apilab.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idle clients time out and the number of connections is bounded, so idle clients cannot hold the server. */
class ConnectionLimitsTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings("CLIENT_TIMEOUT", "2s", "MAX_CONNECTIONS", "3");

    /** A keep-alive connection that has made one request and then stays silent. */
    private static Socket idleAfterOneRequest() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.http().base().getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /joke HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] answer = new byte[4096];
        int read = socket.getInputStream().read(answer);
        assertThat(new String(answer, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        return socket;
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheClientTimeout() throws Exception {
        try (Socket idle = idleAfterOneRequest()) {
            long started = System.nanoTime();
            InputStream in = idle.getInputStream();
            try {
                assertThat(in.read()).isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept an idle connection for over 10 s");
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            assertThat(seconds).isBetween(1L, 8L);
        }
    }

    @Test
    void connectionsBeyondTheLimitWaitUntilAnIdleOneTimesOut() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                idle.add(idleAfterOneRequest());
            }
            long started = System.nanoTime();
            Reply reply = server.http().get("/joke");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(reply.status()).isEqualTo(200);
            assertThat(millis).as("served only once an idle connection timed out").isGreaterThanOrEqualTo(500);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }
}
