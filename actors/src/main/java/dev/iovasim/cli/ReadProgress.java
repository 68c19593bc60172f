package dev.iovasim.cli;

import dev.iovasim.progress.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * replay's progress on a large trace: megabytes of the file read so far (of the compressed
 * file for a .gz), as the replay pulls its input.
 */
final class ReadProgress extends FilterInputStream {
    private final Progress progress;
    private long read;

    ReadProgress(InputStream in, String name, long size) {
        super(in);
        this.progress = Progress.open("replay", size, "MB", 1 << 20, System.err);
        progress.extra(name);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) progress.stepTo(++read);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) progress.stepTo(read += n);
        return n;
    }

    @Override
    public void close() throws IOException {
        progress.close();
        super.close();
    }
}
