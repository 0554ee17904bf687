package dev.apilab.console;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** Draws a QR code with Unicode half blocks, two modules a character, so a phone can scan it off the terminal. */
public final class TerminalQr {
    private TerminalQr() {}

    /**
     * The code as text lines. Light modules are drawn as blocks and dark ones as spaces, so that on
     * the usual dark terminal the code shows dark on light, as scanners expect.
     */
    public static String render(String text) {
        BitMatrix matrix = encode(text);
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y += 2) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                boolean topLight = !matrix.get(x, y);
                boolean bottomLight = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
                out.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static BitMatrix encode(String text) {
        try {
            // Width and height 0 give one pixel a module; the margin is the quiet zone scanners need.
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text + " as a QR code", e);
        }
    }
}
