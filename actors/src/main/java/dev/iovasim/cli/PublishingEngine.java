package dev.iovasim.cli;

import dev.iovasim.actors.ActorEngine;
import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;

/**
 * One-JVM {@code simulate --metrics-port}: an actor run publishes the tree owner's and the CPUs'
 * counters about once a second while it goes; after each run, whatever its engine, its report's
 * counters go to the run's policy series, so a scrape after the run (or during
 * {@code --hold-metrics}) shows exactly the report. The engines keep no exporter on their hot path.
 */
final class PublishingEngine implements Engine {
    private final Engine engine;
    private final RunMetrics metrics;
    private long runs;

    PublishingEngine(Engine engine, RunMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public RunReport run(RunSpec spec, ProgressListener progress) {
        String policy = spec.policy().name();
        long run = ++runs;
        // the reference engine runs in this thread, with nobody to ask while it does
        RunReport r = engine instanceof ActorsEngine actors
                ? actors.run(spec, progress, new ActorEngine.Live(true,
                        (tree, cpus) -> metrics.live(policy, run, RunMetrics.Share.machine(tree, cpus))))
                : engine.run(spec, progress);
        metrics.end(policy, run, RunMetrics.Share.report(r));
        return r;
    }
}
