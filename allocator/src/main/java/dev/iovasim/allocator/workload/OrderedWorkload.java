package dev.iovasim.allocator.workload;

/**
 * A workload that fixes the global order of its operations (a trace) instead of leaving the
 * interleaving of CPUs to the engine. An engine that honours it asks {@link #nextCpu}, then runs
 * that CPU's {@link CpuWorkload#next} and completes the operation before asking again; it is a
 * replay, one operation at a time.
 */
public interface OrderedWorkload extends Workload {
    /** The CPU whose operation comes next, or -1 when there are no more. */
    int nextCpu();
}
