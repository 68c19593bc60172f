package dev.iovasim.cli;

import dev.iovasim.actors.FlushBench;
import dev.iovasim.actors.LatencySummary;
import dev.iovasim.allocator.Policy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code flushbench --json FILE}: the printed figures as one JSON object, latencies in microseconds. */
final class FlushbenchJson {
    private FlushbenchJson() {
    }

    static void write(Path file, FlushbenchCommand c, Policy p, int warmup, FlushBench.Result r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("cpus", r.cpus());
        o.put("nodes", c.cluster.nodes);
        o.put("fanout", c.cluster.fanout);
        o.put("policy", p.name());
        o.put("magazine_size", p.magazineSize());
        o.put("per_magazine", r.perMagazine());
        o.put("rounds", r.rounds());
        o.put("warmup", warmup);
        o.put("gather", latency(r.gather()));
        o.put("flush", latency(r.flush()));
        o.put("per_round", traffic(r.messagesPerRound(), r.bytesPerRound(), r.pfnsPerRound()));
        if (r.bare() != null) {
            o.put("bare_gather", latency(r.bare().gather()));
            o.put("bare_per_round", traffic(r.bare().messagesPerRound(), r.bare().bytesPerRound(), r.bare().pfnsPerRound()));
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("p50", FlushbenchCommand.ratio(r.gather().p50Us(), r.bare().gather().p50Us()));
            ratio.put("p99", FlushbenchCommand.ratio(r.gather().p99Us(), r.bare().gather().p99Us()));
            ratio.put("max", FlushbenchCommand.ratio(r.gather().maxUs(), r.bare().gather().maxUs()));
            o.put("ratio_to_bare", ratio);
        }
        ReportJson.write(file, o);
    }

    private static Map<String, Object> latency(LatencySummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("mean_us", s.meanUs());
        m.put("stddev_us", s.stddevUs());
        m.put("p50_us", s.p50Us());
        m.put("p99_us", s.p99Us());
        m.put("max_us", s.maxUs());
        return m;
    }

    private static Map<String, Object> traffic(long messages, long bytes, long pfns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messages", messages);
        m.put("bytes", bytes);
        m.put("pfns", pfns);
        return m;
    }
}
