package dev.iovasim.capture;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens capture bytes as text: plain, gzip, xz or zstd, told apart by their magic bytes (not by
 * the file name, since captures arrive through pipes too).
 */
public final class CaptureInput {
    private static final int BUFFER = 1 << 16;
    /** How much text auto-detection looks at. */
    private static final int SAMPLE_LINES = 200;
    private static final int SAMPLE_CHARS = 1 << 18;

    private CaptureInput() {
    }

    /**
     * The decompressed bytes of {@code raw}: plain, gzip, xz or zstd, told by the first bytes.
     * Replay reads traces through this too, so a compressed trace needs no renaming or pipe.
     */
    public static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(8);
        byte[] head = new byte[6];
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return new GZIPInputStream(in, BUFFER);
        if (n >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X' && head[4] == 'Z'
                && head[5] == 0) {
            return new XZInputStream(in);
        }
        if (n >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return new ZstdInputStream(in);
        }
        return in;
    }

    /** The decompressed text of {@code raw}. */
    public static BufferedReader open(InputStream raw) throws IOException {
        InputStream text = decompress(raw);
        // ISO-8859-1 maps every byte to one char: task names in other encodings cannot fail decoding
        return new BufferedReader(new InputStreamReader(text, StandardCharsets.ISO_8859_1), BUFFER);
    }

    /** Up to the first 200 lines, the reader left where it was (for auto-detection). */
    public static List<String> sample(BufferedReader in) throws IOException {
        in.mark(SAMPLE_CHARS * 2);
        List<String> lines = new ArrayList<>();
        int chars = 0;
        String line;
        while (lines.size() < SAMPLE_LINES && (line = in.readLine()) != null) {
            chars += line.length() + 2;
            if (chars >= SAMPLE_CHARS) break;
            lines.add(line);
        }
        in.reset();
        return lines;
    }
}
