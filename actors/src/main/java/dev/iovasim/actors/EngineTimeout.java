package dev.iovasim.actors;

/** An actor did not answer in time: reported as an error, never waited for forever. */
public final class EngineTimeout extends RuntimeException {
    public EngineTimeout(String message, Throwable cause) {
        super(message, cause);
    }
}
