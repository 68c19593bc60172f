package dev.iovasim.allocator.workload;

/**
 * A catalogue workload built from its spec ({@code NAME:KEY=VALUE,...}): what every generator
 * shares, so each one holds only its own parameters. Every generator paces a CPU's operations by
 * its {@code gap-ns} parameter, the virtual time between two of them.
 */
abstract class SpecWorkload implements Workload {
    private final String name;
    /** Virtual nanoseconds between two operations of one CPU ({@code gap-ns}). */
    protected final long gapNanos;

    SpecWorkload(String name, SpecValues p) {
        this.name = name;
        this.gapNanos = p.count("gap-ns");
    }

    @Override
    public final String name() {
        return name;
    }
}
