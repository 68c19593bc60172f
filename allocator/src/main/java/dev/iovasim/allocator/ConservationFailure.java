package dev.iovasim.allocator;

/**
 * A conservation check that failed in the middle of a run (the periodic check): the run stops,
 * and the command line reports it with its own exit status rather than as a crash.
 */
public final class ConservationFailure extends IllegalStateException {
    public ConservationFailure(String message) {
        super(message);
    }
}
