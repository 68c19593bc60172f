package dev.iovasim.cli;

import dev.iovasim.actors.FreeRun;
import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;

/**
 * One-JVM {@code simulate --metrics-port}: an actor run publishes the tree owner's and the CPUs'
 * figures (counters, latency and flush-size records) about once a second while it goes, and the
 * figures its report is made of at its end; after a reference run, its report's counters go to
 * the run's policy series. Either way a scrape after the run (or during {@code --hold-metrics})
 * shows exactly the report. The engines keep no exporter on their hot path.
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
        if (engine instanceof ActorsEngine actors) {
            // the end's figures are those the report is made of, with the latency records the report only summarizes
            return actors.run(spec, progress, new FreeRun.Live(true, metrics.eachCpu(),
                    (tree, cpus) -> metrics.take(policy, run, RunMetrics.Share.machine(tree, cpus), false),
                    (tree, cpus) -> metrics.take(policy, run, RunMetrics.Share.machine(tree, cpus), true)));
        }
        // the reference engine runs in this thread, with nobody to ask while it does
        RunReport r = engine.run(spec, progress);
        metrics.take(policy, run, RunMetrics.Share.report(r), true);
        return r;
    }
}
