package dev.iovasim.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * DIR/sweep.lock, held while a sweep writes DIR: two sweeps appending to one results.csv would
 * run the same points twice. The operating system drops the lock when the process dies; an
 * ended sweep (done or failed) also removes the file, so that DIR holds only its results.
 *
 * @param lock held on the file's channel, which it also closes ({@link FileLock#channel})
 */
public record SweepLock(Path file, FileLock lock) implements AutoCloseable {
    public static final String NAME = "sweep.lock";

    /** Takes the lock; {@link IllegalStateException} if another sweep holds it. */
    public static SweepLock take(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IllegalStateException(dir + " is being written by another sweep");
        }
        return new SweepLock(file, l);
    }

    @Override
    public void close() throws IOException {
        // removed while still held, so that no other sweep sees the file unlocked before it goes
        try {
            Files.deleteIfExists(file);
        } finally {
            lock.release();
            lock.channel().close();
        }
    }
}
