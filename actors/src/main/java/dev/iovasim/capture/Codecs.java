package dev.iovasim.capture;

import dev.iovasim.allocator.trace.Compression;
import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * xz and zstd for {@link Compression}, which the allocator module (JDK only) finds through
 * META-INF/services: every trace, capture and output file of the CLI reads and writes them.
 */
public final class Codecs {
    private Codecs() {
    }

    /** xz (org.tukaani.xz), written at xz's default preset. */
    public static final class Xz implements Compression.Codec {
        @Override
        public String name() {
            return "xz";
        }

        @Override
        public String suffix() {
            return ".xz";
        }

        @Override
        public boolean reads(byte[] h, int n) {
            return n >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z' && h[5] == 0;
        }

        @Override
        public InputStream decoder(InputStream in) throws IOException {
            return new XZInputStream(in);
        }

        @Override
        public OutputStream encoder(OutputStream out) throws IOException {
            return new XZOutputStream(out, new LZMA2Options());
        }
    }

    /** zstd (airlift aircompressor). */
    public static final class Zstd implements Compression.Codec {
        @Override
        public String name() {
            return "zstd";
        }

        @Override
        public String suffix() {
            return ".zst";
        }

        @Override
        public boolean reads(byte[] h, int n) {
            return n >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f && (h[3] & 0xff) == 0xfd;
        }

        @Override
        public InputStream decoder(InputStream in) throws IOException {
            return new ZstdInputStream(in);
        }

        @Override
        public OutputStream encoder(OutputStream out) throws IOException {
            return new ZstdOutputStream(out);
        }
    }
}
