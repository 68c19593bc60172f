package dev.iovasim.allocator.workload;

/** A workload could not produce its operations (a bad trace line, an unreadable file). */
public final class WorkloadException extends RuntimeException {
    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
