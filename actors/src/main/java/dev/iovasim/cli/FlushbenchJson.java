package dev.iovasim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.iovasim.actors.FlushBench;
import dev.iovasim.allocator.Policy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code flushbench --json FILE}: the printed figures as one JSON object, latencies in microseconds. */
final class FlushbenchJson {
    /** A latency summary's components as keys: meanUs is mean_us. */
    private static final ObjectMapper SNAKE_CASE = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** What crossed the wire per round, as keys in this order. */
    private record Traffic(long messages, long bytes, long pfns) {
    }

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
        o.put("gather", snakeCase(r.gather()));
        o.put("flush", snakeCase(r.flush()));
        o.put("per_round", snakeCase(new Traffic(r.messagesPerRound(), r.bytesPerRound(), r.pfnsPerRound())));
        if (r.bare() != null) {
            o.put("bare_gather", snakeCase(r.bare().gather()));
            o.put("bare_per_round", snakeCase(new Traffic(r.bare().messagesPerRound(), r.bare().bytesPerRound(), r.bare().pfnsPerRound())));
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("p50", FlushbenchCommand.ratio(r.gather().p50Us(), r.bare().gather().p50Us()));
            ratio.put("p99", FlushbenchCommand.ratio(r.gather().p99Us(), r.bare().gather().p99Us()));
            ratio.put("max", FlushbenchCommand.ratio(r.gather().maxUs(), r.bare().gather().maxUs()));
            o.put("ratio_to_bare", ratio);
        }
        ReportJson.write(file, o);
    }

    /** A record's components in its order: a latency summary's count, mean_us, stddev_us, p50_us, p99_us, max_us. */
    private static Map<?, ?> snakeCase(Record r) {
        return SNAKE_CASE.convertValue(r, LinkedHashMap.class);
    }
}
