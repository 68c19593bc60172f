package dev.iovasim.capture;

import dev.iovasim.allocator.trace.LineException;

/** A capture line that cannot be read (under {@code --strict}), or input that is no capture at all (line 0). */
public final class CaptureException extends LineException {
    public CaptureException(long line, String why, String text) {
        super(line, why, text);
    }
}
