package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * Main's handler turns a missing or unreadable input file into one line and exit 2. Unreadable is
 * checked on the mapping itself: the tests may run as root, whom no file refuses.
 */
class FileProblemTest {
    @Test
    void missingAndUnreadableFilesAreNamed() {
        assertEquals("no such file: a.trace", Main.fileProblem(new NoSuchFileException("a.trace")));
        assertEquals("permission denied: /root/x.trace", Main.fileProblem(new AccessDeniedException("/root/x.trace")));
        assertEquals("permission denied: t.gz", Main.fileProblem(new UncheckedIOException(new AccessDeniedException("t.gz"))));
        assertNull(Main.fileProblem(new IOException("disk full")), "other I/O failures stay failures (exit 1)");
        assertNull(Main.fileProblem(new IllegalStateException("a bug")));
    }
}
