package dev.iovasim.capture;

import dev.iovasim.allocator.trace.Compression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens capture bytes as text: plain, gzip, xz or zstd, told apart by their magic bytes (not by
 * the file name, since captures arrive through pipes too): {@link Compression}, as for traces.
 */
public final class CaptureInput {
    private static final int BUFFER = 1 << 16;
    /** How much text auto-detection looks at. */
    private static final int SAMPLE_LINES = 200;
    private static final int SAMPLE_CHARS = 1 << 18;

    private CaptureInput() {
    }

    /** The decompressed text of {@code raw}. */
    public static BufferedReader open(InputStream raw) throws IOException {
        return open(raw, "input");
    }

    /** The decompressed text of {@code raw}; a failure to decompress names it {@code input}. */
    public static BufferedReader open(InputStream raw, String input) throws IOException {
        InputStream text = Compression.decompress(raw, input);
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
