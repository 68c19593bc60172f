package dev.iovasim.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Standard output as a buffered stream a command writes its result to and closes like a file. */
final class StandardOutput {
    private StandardOutput() {
    }

    /**
     * {@code System.out} as it is now, not {@code FileDescriptor.out}: tests and embedding callers
     * redirect it. Closing the stream flushes it and leaves {@code System.out} open.
     */
    static OutputStream open() {
        return new BufferedOutputStream(System.out, 1 << 16) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
