package dev.iovasim.allocator.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Compression} with the JDK's gzip alone (this module has no xz or zstd provider): read by
 * the first bytes whatever the name, written by the name's suffix, a failure named.
 */
class CompressionTest {
    private static final byte[] TEXT = "alloc 0 1 1000\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(out)) {
            o.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] read(byte[] raw) throws IOException {
        try (InputStream in = Compression.decompress(new ByteArrayInputStream(raw), "x")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsByTheFirstBytes() throws IOException {
        assertArrayEquals(TEXT, read(gzip(TEXT)));
        assertArrayEquals(TEXT, read(TEXT));
        assertArrayEquals(new byte[0], read(new byte[0]));
        assertArrayEquals(new byte[] {0x1f}, read(new byte[] {0x1f}));
    }

    @Test
    void writesByTheSuffix() throws IOException {
        Path gz = dir.resolve("t.trace.GZ");
        try (OutputStream o = Compression.create(gz)) {
            o.write(TEXT);
        }
        assertArrayEquals(gzip(TEXT), Files.readAllBytes(gz));
        Path plain = dir.resolve("t.trace");
        try (OutputStream o = Compression.create(plain)) {
            o.write(TEXT);
        }
        assertArrayEquals(TEXT, Files.readAllBytes(plain));
        try (InputStream in = Compression.open(gz)) {
            assertArrayEquals(TEXT, in.readAllBytes());
        }
    }

    @Test
    void aTruncatedOrCorruptInputIsNamed() throws IOException {
        byte[] gz = gzip(TEXT);
        Compression.CorruptInput e = assertThrows(Compression.CorruptInput.class, () -> read(Arrays.copyOf(gz, gz.length / 2)));
        assertEquals("x: cannot decompress (gzip; truncated or corrupt): Unexpected end of ZLIB input stream", e.getMessage());
        // the header alone: the decoder fails as it is made
        e = assertThrows(Compression.CorruptInput.class, () -> read(Arrays.copyOf(gz, 4)));
        assertTrue(e.getMessage().startsWith("x: cannot decompress (gzip; truncated or corrupt): "), e.getMessage());
        byte[] bad = gz.clone();
        bad[12] ^= 0x5a;
        assertThrows(Compression.CorruptInput.class, () -> read(bad));
    }
}
