package dev.iovasim.capture;

import dev.iovasim.allocator.trace.Compression;
import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.util.List;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * xz (org.tukaani.xz, written at xz's default preset) and zstd (airlift aircompressor) for
 * {@link Compression}, which the allocator module (JDK only) finds through META-INF/services:
 * every trace, capture and output file of the CLI reads and writes them.
 */
public final class Codecs implements Compression.Provider {
    @Override
    public List<Compression.Codec> codecs() {
        return List.of(
                new Compression.Codec("xz", ".xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0},
                        XZInputStream::new, out -> new XZOutputStream(out, new LZMA2Options())),
                new Compression.Codec("zstd", ".zst", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd},
                        ZstdInputStream::new, ZstdOutputStream::new));
    }
}
