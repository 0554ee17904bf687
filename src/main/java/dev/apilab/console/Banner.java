package dev.apilab.console;

import dev.apilab.config.Config;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The start-up lines: where apilab listens, on this machine and (when shared) on the network, with a QR code. */
public final class Banner {
    private Banner() {}

    public static void print(PrintStream out, String version, Config config, int port, String database) {
        StringBuilder text = new StringBuilder();
        text.append("\napilab ").append(version).append(" is running\n\n");
        text.append(line("Local", "http://localhost:" + port));
        List<String> network = networkUrls(config.host(), config.sharedOnNetwork(), port);
        for (int i = 0; i < network.size(); i++) {
            text.append(line(i == 0 ? "Network" : "", network.get(i)));
        }
        text.append(line("Health", "http://localhost:" + port + "/healthz"));
        text.append(line("Docs", "http://localhost:" + port + "/docs"));
        text.append(line("Database", database));
        if (!network.isEmpty()) {
            String lanUrl = network.get(network.size() - 1);
            text.append("\n  Scan to open ").append(lanUrl).append(" on a phone on the same network:\n\n");
            TerminalQr.render(lanUrl).lines().forEach(l -> text.append("    ").append(l).append('\n'));
        } else {
            text.append("\n  Only this machine can connect. Set HOST=0.0.0.0 to share it on your network.\n");
        }
        text.append("\n  Press Ctrl+C to stop.\n");
        out.print(text);
        out.flush();
    }

    /** Hostname, hostname.local and each IPv4 address when bound to all interfaces; the last is the QR's. */
    static List<String> networkUrls(String host, boolean allInterfaces, int port) {
        List<String> urls = new ArrayList<>();
        if (allInterfaces) {
            String name = Addresses.hostname();
            urls.add("http://" + name + ":" + port);
            if (!name.endsWith(".local")) {
                urls.add("http://" + name + ".local:" + port);
            }
            Addresses.lanIpv4().forEach(ip -> urls.add("http://" + ip + ":" + port));
        } else if (!isLoopbackName(host)) {
            urls.add("http://" + host + ":" + port);
        }
        return urls;
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static String line(String label, String value) {
        return String.format("  %-10s %s%n", label.isEmpty() ? "" : label + ":", value);
    }
}
