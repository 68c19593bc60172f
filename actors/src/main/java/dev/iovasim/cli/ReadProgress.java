package dev.iovasim.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * replay's progress on a large trace: bytes of the file read so far (of the compressed file
 * for a .gz), shown by a {@link StatusLine} as the replay pulls its input.
 */
final class ReadProgress extends FilterInputStream {
    private final StatusLine line;
    private final String name;
    private final long size;
    private long read;

    ReadProgress(InputStream in, StatusLine line, String name, long size) {
        super(in);
        this.line = line;
        this.name = name;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) advanced(1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) advanced(n);
        return n;
    }

    private void advanced(int n) {
        read += n;
        if (!line.due()) return;
        line.show(String.format(Locale.ROOT, "replay: %s %.0f%% (%,d of %,d MB), %.1f s", name,
                size > 0 ? 100.0 * read / size : 100.0, read >> 20, size >> 20, line.seconds()));
    }

    @Override
    public void close() throws IOException {
        line.finish();
        super.close();
    }
}
