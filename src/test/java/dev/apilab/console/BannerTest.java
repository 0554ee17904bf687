package dev.apilab.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.apilab.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BannerTest {
    @Test
    void sharedOnTheNetworkItPrintsHostnameDotLocalEachAddressAndAQrCode() {
        Config config = Config.from(Map.of("HOST", "0.0.0.0"));
        String banner = print(config, 3001);
        String hostname = Addresses.hostname();
        assertThat(banner).contains("http://localhost:3001");
        assertThat(banner).contains("http://" + hostname + ":3001");
        assertThat(banner).contains("http://" + hostname + ".local:3001");
        for (String ip : Addresses.lanIpv4()) {
            assertThat(banner).contains("http://" + ip + ":3001");
        }
        assertThat(banner).contains("Scan to open");
        assertThat(banner).contains("█");
    }

    @Test
    void onLocalhostItSaysHowToShareAndDrawsNoCode() {
        String banner = print(Config.from(Map.of()), 3001);
        assertThat(banner).contains("http://localhost:3001").contains("HOST=0.0.0.0").doesNotContain("█");
    }

    @Test
    void itPointsToTheHealthCheckAndTheLiveApiDocs() {
        String banner = print(Config.from(Map.of()), 3001);
        assertThat(banner.lines()).contains(
                "  Health:    http://localhost:3001/healthz",
                "  Docs:      http://localhost:3001/docs");
    }

    @Test
    void theTerminalQrCodeDecodesBackToTheUrl() throws Exception {
        String url = "http://192.168.1.20:3001";
        assertThat(decode(TerminalQr.render(url))).isEqualTo(url);
    }

    @Test
    void theQrCodeInTheBannerIsTheLanUrl() throws Exception {
        String banner = print(Config.from(Map.of("HOST", "0.0.0.0")), 3001);
        List<String> urls = Banner.networkUrls("0.0.0.0", true, 3001);
        String qr = banner.lines().filter(l -> l.startsWith("    ") && !l.isBlank())
                .map(l -> l.substring(4)).reduce("", (a, b) -> a + b + "\n");
        assertThat(decode(qr)).isEqualTo(urls.get(urls.size() - 1));
    }

    private static String print(Config config, int port) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Banner.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "test", config, port, "SQLite test.db");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Turns the half-block drawing back into pixels (block = light) and reads it as a phone camera would. */
    private static String decode(String drawing) throws Exception {
        List<String> rows = drawing.lines().toList();
        int width = rows.get(0).length();
        int scale = 4;
        int height = rows.size() * 2;
        int[] pixels = new int[width * scale * height * scale];
        for (int row = 0; row < rows.size(); row++) {
            for (int x = 0; x < width; x++) {
                char c = rows.get(row).charAt(x);
                boolean topLight = c == '█' || c == '▀';
                boolean bottomLight = c == '█' || c == '▄';
                fill(pixels, width * scale, x, row * 2, scale, topLight);
                fill(pixels, width * scale, x, row * 2 + 1, scale, bottomLight);
            }
        }
        var source = new RGBLuminanceSource(width * scale, height * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    private static void fill(int[] pixels, int stride, int x, int y, int scale, boolean light) {
        int color = light ? 0xFFFFFF : 0x000000;
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                pixels[(y * scale + dy) * stride + x * scale + dx] = color;
            }
        }
    }
}
