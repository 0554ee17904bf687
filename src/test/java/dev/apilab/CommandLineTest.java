package dev.apilab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real command in its own JVM, as a user would, and checks what it prints and how it exits. */
class CommandLineTest {
    @TempDir
    Path workDir;

    record Run(int exitCode, String stdout, String stderr) {}

    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.equals("PORT") || k.equals("HOST") || k.equals("DATABASE_URL"));
        builder.environment().put("DATABASE_URL", "jdbc:sqlite:" + workDir.resolve("cli.db"));
        builder.environment().putAll(env);
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not exit; it printed: " + Files.readString(out));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBadPortStopsStartUpWithOneLineAndExitCode2() throws Exception {
        Run run = run(Map.of("PORT", "abc"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip().lines()).containsExactly(
                "apilab: Invalid PORT=\"abc\": expected a whole number from 0 to 65535 (0 picks a free port)");
    }

    @Test
    void aPortOutOfRangeOrABadTokenLifetimeStopsStartUpTheSameWay() throws Exception {
        Run port = run(Map.of("PORT", "70000"));
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.stderr()).contains("PORT=\"70000\"").doesNotContain("Exception");
        Run ttl = run(Map.of("TOKEN_TTL", "soon"));
        assertThat(ttl.exitCode()).isEqualTo(2);
        assertThat(ttl.stderr().strip().lines()).hasSize(1).first().asString().contains("TOKEN_TTL=\"soon\"");
    }

    @Test
    void aBadValueInDotEnvIsReportedTheSameWay() throws Exception {
        Files.writeString(workDir.resolve(".env"), "LOG_LEVEL=chatty\n");
        Run run = run(Map.of());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("LOG_LEVEL=\"chatty\"");
    }

    @Test
    void aPortInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run run = run(Map.of("PORT", Integer.toString(taken.getLocalPort())));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr().strip().lines()).hasSize(1).first().asString()
                    .contains("port " + taken.getLocalPort()).contains("already in use");
        }
    }

    @Test
    void helpAndVersionWork() throws Exception {
        Run help = run(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Usage: apilab").contains("--port").contains("--host").contains("serve");
        Run version = run(Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout().strip()).matches("apilab \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void aFlagThatIsNotANumberIsRefusedByTheCommandLine() throws Exception {
        Run run = run(Map.of(), "--port", "abc");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--port").contains("abc");
    }

    /** A serving apilab in its own JVM on a free port, its output going to {@code output}. */
    private record Serving(Process process, int port, Path output) {}

    private Serving serve(Path output, Map<String, String> env, String... args) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("DATABASE_URL", "jdbc:sqlite:" + workDir.resolve(output.getFileName() + ".db"));
        builder.environment().remove("HOST");
        builder.environment().putAll(env);
        Process process = builder.start();
        awaitOutput(output, "Press Ctrl+C to stop.");
        return new Serving(process, port, output);
    }

    @Test
    void startUpPrintsTheUrlAndServesUntilStopped() throws Exception {
        Serving serving = serve(workDir.resolve("serve.out"), Map.of(), "serve");
        try {
            String banner = Files.readString(serving.output());
            assertThat(banner).contains("Local:").contains("http://localhost:" + serving.port());
            assertThat(banner).contains("Set HOST=0.0.0.0 to share it");
            var http = new dev.apilab.support.Http(java.net.URI.create("http://127.0.0.1:" + serving.port()));
            assertThat(http.get("/").body()).isEqualTo("Hello, World!");
        } finally {
            serving.process().destroy();
            serving.process().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermFinishesTheRequestsInFlightAndExitsZero() throws Exception {
        Serving serving = serve(workDir.resolve("grace.out"), Map.of("SHUTDOWN_GRACE", "20s"));
        Process process = serving.process();
        try {
            var http = new dev.apilab.support.Http(java.net.URI.create("http://127.0.0.1:" + serving.port()));
            assertThat(http.post("/users", Map.of("username", "Graceful", "password", "password123", "age", 1,
                    "email", "g@example.com")).status()).isEqualTo(200);
            // Log-ins take a hash each, queued on one thread per core: they are still running at the signal.
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<dev.apilab.support.Reply>> inFlight = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    inFlight.add(threads.submit(() -> http.post("/users/Graceful/tokens", Map.of("password", "password123"))));
                }
                Thread.sleep(300);
                process.destroy();
                for (var reply : inFlight) {
                    assertThat(reply.get().status()).isEqualTo(200);
                }
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            String output = Files.readString(serving.output());
            assertThat(output).contains("Stopping: finishing requests in flight").contains("apilab stopped.");
            assertThat(output.split("POST /users/Graceful/tokens 200", -1)).as("each finished log-in logged").hasSize(13);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void sigtermDoesNotWaitTheGracePeriodForARequestThatNeverFinishedArriving() throws Exception {
        Serving serving = serve(workDir.resolve("partial.out"), Map.of("SHUTDOWN_GRACE", "20s"));
        Process process = serving.process();
        try (var partial = new java.net.Socket("127.0.0.1", serving.port())) {
            partial.getOutputStream().write("GET /joke HTTP/1.1\r\nHost: x\r\nX-Half: ".getBytes());
            Thread.sleep(300);
            long started = System.nanoTime();
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            assertThat(process.exitValue()).isZero();
            assertThat(seconds).as("half a request is not in flight; the 20 s grace is not for it").isLessThan(10);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitOutput(Path output, String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(output) && Files.readString(output).contains(marker)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never printed " + marker);
    }
}
