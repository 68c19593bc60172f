package dev.iovasim.allocator.trace;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compressions of the files iovasim reads and writes: read, told by their first bytes (a
 * compressed trace may come through a pipe or have any name); written, told by the file name's
 * suffix. gzip is the JDK's; the others (xz, zstd) come from {@link Provider}s listed in
 * {@code META-INF/services} by the module that has their libraries (the CLI's), so that this
 * module stays JDK only. Without them an .xz or .zst name is written plain and such input is read
 * as text.
 */
public final class Compression {
    private static final int BUFFER = 1 << 16;
    /** The most magic bytes a codec looks at. */
    private static final int HEAD = 8;

    /**
     * One compression: its name in messages ({@code "xz"}), the file name suffix that asks for it
     * (dot included), the magic bytes its input starts with, and its two streams.
     */
    public record Codec(String name, String suffix, byte[] magic, Decoder decoder, Encoder encoder) {
        /** Whether the first {@code n} bytes of an input, {@code head}, are its magic bytes. */
        boolean reads(byte[] head, int n) {
            if (n < magic.length) return false;
            for (int i = 0; i < magic.length; i++) {
                if (head[i] != magic[i]) return false;
            }
            return true;
        }
    }

    @FunctionalInterface
    public interface Decoder {
        InputStream open(InputStream compressed) throws IOException;
    }

    @FunctionalInterface
    public interface Encoder {
        OutputStream open(OutputStream compressed) throws IOException;
    }

    /** What a module with more compression libraries lists in META-INF/services. */
    public interface Provider {
        List<Codec> codecs();
    }

    /**
     * Compressed input that does not decompress: a truncated or corrupt file. The message names the
     * input, the compression and what the decoder said.
     */
    public static final class CorruptInput extends IOException {
        CorruptInput(String input, Codec codec, Exception cause) {
            super(input + ": cannot decompress (" + codec.name() + "; truncated or corrupt): " + why(cause), cause);
        }

        private static String why(Exception e) {
            if (e.getMessage() != null) return e.getMessage();
            return e instanceof EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
        }
    }

    private static final Codec GZIP = new Codec("gzip", ".gz", new byte[] {0x1f, (byte) 0x8b},
            in -> new GZIPInputStream(in, BUFFER), out -> new GZIPOutputStream(out, BUFFER));

    private static final List<Codec> CODECS = codecs();

    private Compression() {
    }

    private static List<Codec> codecs() {
        List<Codec> all = new ArrayList<>(List.of(GZIP));
        ServiceLoader.load(Provider.class, Compression.class.getClassLoader()).forEach(p -> all.addAll(p.codecs()));
        return List.copyOf(all);
    }

    /**
     * The decompressed bytes of {@code raw}, whatever it is compressed with (or {@code raw} itself,
     * buffered). A decoder's failure, at once or later, is a {@link CorruptInput} naming {@code input}.
     */
    public static InputStream decompress(InputStream raw, String input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(HEAD);
        byte[] head = new byte[HEAD];
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        for (Codec c : CODECS) {
            if (!c.reads(head, n)) continue;
            try {
                return new Decoded(c.decoder().open(in), input, c);
            } catch (IOException | RuntimeException e) {
                throw new CorruptInput(input, c, e);
            }
        }
        return in;
    }

    /** {@link #decompress} of a file's bytes; its messages name the file as given. */
    public static InputStream open(Path file) throws IOException {
        return decompress(Files.newInputStream(file), file.toString());
    }

    /** A new (or truncated) file, compressed as its name's suffix says; buffered. */
    public static OutputStream create(Path file) throws IOException {
        return compress(Files.newOutputStream(file), file);
    }

    /** {@code raw}, the bytes of {@code file}, through the encoder its name's suffix asks for; buffered. */
    public static OutputStream compress(OutputStream raw, Path file) throws IOException {
        Codec c = bySuffix(file);
        return new BufferedOutputStream(c == null ? raw : c.encoder().open(raw), BUFFER);
    }

    /** The codec whose suffix ends {@code file}'s name (in any case), or null. */
    static Codec bySuffix(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        for (Codec c : CODECS) {
            if (n.endsWith(c.suffix())) return c;
        }
        return null;
    }

    /** A decoder's stream whose failures (aircompressor's are unchecked) are {@link CorruptInput}s. */
    private static final class Decoded extends FilterInputStream {
        private final String input;
        private final Codec codec;

        Decoded(InputStream in, String input, Codec codec) {
            super(in);
            this.input = input;
            this.codec = codec;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw new CorruptInput(input, codec, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw new CorruptInput(input, codec, e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException | RuntimeException e) {
                throw new CorruptInput(input, codec, e);
            }
        }
    }
}
