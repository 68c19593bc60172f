package dev.iovasim.capture;

import java.io.IOException;

/**
 * Reads one capture format's events, in the capture's order. Lines of other events are skipped
 * silently; lines that look like an iommu event but cannot be read go to {@link LineProblems}.
 */
public interface CaptureReader {
    /** Fills {@code e} with the next map or unmap event; false at the end of the input. */
    boolean next(CaptureEvent e) throws IOException, CaptureException;

    /** The number of CPUs the capture's header states, or 0 when it has said none (yet). */
    int cpusFromHeader();

    /** Lines read so far. */
    long lineNo();
}
