package dev.iovasim.capture;

/** Where a reader reports a line it cannot read; the importer counts it, or stops under --strict. */
@FunctionalInterface
public interface LineProblems {
    void malformed(long lineNo, String why, String text) throws CaptureException;
}
