package dev.iovasim.cli;

import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.RunReport;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.engine.StandardReport;
import dev.iovasim.metrics.IovasimMetrics;
import dev.iovasim.metrics.StatsPublisher;
import dev.iovasim.metrics.StatsSnapshot;

/**
 * One-JVM {@code simulate --metrics-port}: after each run, its report's counters go to the
 * run's policy series, so a scrape after the run (or during {@code --hold-metrics}) shows exactly
 * the report. The engines keep no exporter on their hot path.
 */
final class PublishingEngine implements Engine {
    private final Engine engine;
    private final IovasimMetrics metrics;

    PublishingEngine(Engine engine, IovasimMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public RunReport run(RunSpec spec, ProgressListener progress) {
        RunReport r = engine.run(spec, progress);
        StatsPublisher p = metrics.publisher(spec.policy().name());
        p.publish(StatsSnapshot.of(StandardReport.stats(r)));
        if (r.has("fanout_messages")) p.recordFanOut(r.longValue("fanout_messages"), r.longValue("fanout_bytes"));
        return r;
    }
}
