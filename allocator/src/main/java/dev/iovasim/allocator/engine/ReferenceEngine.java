package dev.iovasim.allocator.engine;

/**
 * All CPUs in the caller's thread, interleaved in an order drawn from the seed, on a virtual
 * clock: deterministic, and the measure every other engine is compared with.
 */
public final class ReferenceEngine implements Engine {
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunReport run(RunSpec spec, ProgressListener progress) {
        return new ReferenceRun(spec).run(progress);
    }
}
