package dev.apilab.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apilab.support.Reply;
import dev.apilab.support.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients are held to CLIENT_TIMEOUT (2 s here) whether they are idle, silent or slow on purpose, and the number
 * of connections is bounded: neither idle nor slow-loris clients can hold the server.
 */
class ConnectionLimitsTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withSettings("CLIENT_TIMEOUT", "2s", "MAX_CONNECTIONS", "3");

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.http().base().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A keep-alive connection that has made one request and then stays silent. */
    private static Socket idleAfterOneRequest() throws IOException {
        Socket socket = connect();
        send(socket, "GET /joke HTTP/1.1\r\nHost: x\r\n\r\n");
        byte[] answer = new byte[4096];
        int read = socket.getInputStream().read(answer);
        assertThat(new String(answer, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** Everything the server sends until it closes the connection, and how long that took. */
    private record Ending(String received, long seconds) {}

    private static Ending readUntilClosed(Socket socket) throws IOException {
        long started = System.nanoTime();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            in.transferTo(received);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for over 10 s");
        } catch (IOException e) {
            // A reset after the answer still ends the connection; what arrived before it counts.
        }
        return new Ending(received.toString(StandardCharsets.US_ASCII), (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Sends one byte of a request every 300 ms, for as long as the server lets it: a slow-loris client. */
    private static void trickle(Socket socket, String request) {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte b : request.getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(300);
            }
        } catch (IOException | InterruptedException e) {
            // The server closed the connection: that is what the test waits for.
        }
    }

    private static final String LONG_REQUEST = "GET /joke HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(100) + "\r\n\r\n";

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheClientTimeoutWithoutAnAnswer() throws Exception {
        try (Socket idle = idleAfterOneRequest()) {
            Ending ending = readUntilClosed(idle);
            assertThat(ending.received()).isEmpty();
            assertThat(ending.seconds()).isBetween(1L, 5L);
        }
    }

    @Test
    void aConnectionThatNeverSendsAByteIsClosedAfterTheClientTimeout() throws Exception {
        try (Socket silent = connect()) {
            Ending ending = readUntilClosed(silent);
            assertThat(ending.received()).isEmpty();
            assertThat(ending.seconds()).isBetween(1L, 5L);
        }
    }

    @Test
    void headersThatKeepTricklingInAreCutOffWithA408() throws Exception {
        try (Socket slow = connect(); ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor()) {
            sender.submit(() -> trickle(slow, LONG_REQUEST));
            Ending ending = readUntilClosed(slow);
            assertThat(ending.received()).startsWith("HTTP/1.1 408 ")
                    .contains("Content-Type: application/json", "Connection: close")
                    .endsWith("{\"error\":\"The request did not arrive in full within 2 s; the connection is closed\"}");
            assertThat(ending.seconds()).as("bytes kept arriving, yet the request's deadline held").isBetween(1L, 5L);
        }
    }

    @Test
    void aBodyThatStopsArrivingIsCutOffWithA408() throws Exception {
        try (Socket stalled = connect()) {
            send(stalled, "POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"us");
            Ending ending = readUntilClosed(stalled);
            assertThat(ending.received()).startsWith("HTTP/1.1 408 ").contains("did not arrive in full within 2 s");
            assertThat(ending.seconds()).isBetween(1L, 5L);
        }
    }

    @Test
    void aClientThatSendsEachRequestInTimeKeepsItsConnection() throws Exception {
        try (Socket client = connect()) {
            byte[] answer = new byte[4096];
            for (int i = 0; i < 4; i++) {
                send(client, "GET /joke HTTP/1.1\r\nHost: x\r\n\r\n");
                int read = client.getInputStream().read(answer);
                assertThat(new String(answer, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
                Thread.sleep(800);
            }
        }
    }

    @Test
    void aPipelinedRequestHasItsOwnClockNotThatOfTheRequestBeforeIt() throws Exception {
        try (Socket client = connect()) {
            String body = "{\"a\":1,\"b\":2,\"c\":3}";
            send(client, "POST /sum HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            Thread.sleep(1500);
            send(client, body + "GET /joke HTTP/1.1\r\n");
            Thread.sleep(1000);
            send(client, "Host: x\r\nConnection: close\r\n\r\n");
            Ending ending = readUntilClosed(client);
            assertThat(ending.received().split("HTTP/1.1 200 ", -1)).as(ending.received()).hasSize(3);
        }
    }

    @Test
    void anHttp10RequestGetsAJsonAnswerInsteadOfSilence() throws Exception {
        try (Socket old = connect()) {
            send(old, "GET /joke HTTP/1.0\r\n\r\n");
            Ending ending = readUntilClosed(old);
            assertThat(ending.received()).startsWith("HTTP/1.1 505 ").contains("application/json", "HTTP/1.1");
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

    @Test
    void slowLorisClientsHoldingEveryConnectionAreCutOffAndTheServerAnswersAgain() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                Socket socket = connect();
                slow.add(socket);
                senders.submit(() -> trickle(socket, LONG_REQUEST));
            }
            Thread.sleep(300);
            long started = System.nanoTime();
            Reply reply = server.http().get("/joke");
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            assertThat(reply.status()).isEqualTo(200);
            assertThat(seconds).as("answered once the slow clients' deadline passed, not after their last byte")
                    .isLessThan(6);
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Asks for many answers at once and then reads none of them: the server's writes to it block. */
    private static Socket notReading() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.http().base().getPort()));
        socket.setSoTimeout(10_000);
        send(socket, "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n".repeat(500));
        return socket;
    }

    @Test
    void clientsThatStopReadingTheirAnswersAreCutOffAndTheServerAnswersAgain() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                stalled.add(notReading());
            }
            Thread.sleep(300);
            long started = System.nanoTime();
            Reply reply = server.http().get("/joke");
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            assertThat(reply.status()).isEqualTo(200);
            assertThat(seconds).as("served once the stalled writes passed the client timeout").isLessThan(6);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }
}
