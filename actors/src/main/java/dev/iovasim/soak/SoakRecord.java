package dev.iovasim.soak;

import dev.iovasim.allocator.engine.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak saw: every run's figures ({@code runs.csv}), every heap sample ({@code heap.csv}),
 * and the verdict: each JVM's last heap sample against its first sample taken at or after the
 * baseline minute once the warm-up runs are done, every survey passed, no engine error. The
 * warm-up counts runs, not minutes: what fills with use (reference caches, pools) fills per run,
 * and a slow start on a busy machine can put minute 5 after only two runs.
 */
final class SoakRecord {
    private final Path runs;
    private final Path heaps;
    private final double baselineMinute;
    private final int warmupRuns;
    private final double tolerance;
    private final Map<String, Long> baseline = new LinkedHashMap<>();
    private final Map<String, Long> last = new LinkedHashMap<>();
    private int runCount;
    private int failedRuns;
    private String firstFailure;

    SoakRecord(Path dir, double baselineMinute, int warmupRuns, double tolerance) {
        this.runs = dir.resolve("runs.csv");
        this.heaps = dir.resolve("heap.csv");
        this.baselineMinute = baselineMinute;
        this.warmupRuns = warmupRuns;
        this.tolerance = tolerance;
        write(runs, "minute,run,policy,ops,flushes,ops_per_second,conservation_ok,engine_errors,lost_cpus\n", false);
        write(heaps, "minute,node,heap_used_after_full_gc_kb\n", false);
    }

    /** Records run {@code i}; returns its line for the log. */
    String run(double minute, int i, String policy, RunReport r) {
        boolean ok = r.flag("conservation_ok");
        long errors = r.longValue("engine_errors");
        runCount++;
        if (!ok || errors > 0) {
            failedRuns++;
            if (firstFailure == null) {
                firstFailure = "run " + i + " (" + policy + "): " + (ok ? errors + " engine error(s): " + r.text("engine_first_error")
                        : "conservation: " + r.text("conservation_problem"));
            }
        }
        write(runs, String.format(Locale.ROOT, "%.2f,%d,%s,%d,%d,%d,%b,%d,%d%n", minute, i, policy, r.longValue("ops"),
                r.longValue("flushes"), r.longValue("ops_per_second"), ok, errors, r.longValue("lost_cpus")), true);
        return String.format(Locale.ROOT, "soak: minute %.1f run %d %s: %d ops, %d flushes, conservation %s, engine errors %d%s",
                minute, i, policy, r.longValue("ops"), r.longValue("flushes"), ok ? "ok" : "FAILED: " + r.text("conservation_problem"),
                errors, errors == 0 ? "" : " (first: " + r.text("engine_first_error") + ")");
    }

    void heap(double minute, String node, long kb) {
        write(heaps, String.format(Locale.ROOT, "%.2f,%s,%d%n", minute, node, kb), true);
        if (minute >= baselineMinute && runCount >= warmupRuns) baseline.putIfAbsent(node, kb);
        last.put(node, kb);
        System.err.printf(Locale.ROOT, "soak: minute %.1f heap after full GC %s %d KB%n", minute, node, kb);
    }

    /** Prints the verdict; true when the soak passed. */
    boolean verdict(PrintStream out) {
        boolean pass = failedRuns == 0 && runCount > 0;
        out.printf(Locale.ROOT, "soak: %d runs, %d failed%s%n", runCount, failedRuns, firstFailure == null ? "" : ": first " + firstFailure);
        for (Map.Entry<String, Long> e : last.entrySet()) {
            Long base = baseline.get(e.getKey());
            if (base == null) {
                out.printf(Locale.ROOT, "soak: heap %s: no sample at or after minute %.1f and run %d%n", e.getKey(),
                        baselineMinute, warmupRuns);
                pass = false;
                continue;
            }
            double growth = (double) (e.getValue() - base) / base;
            boolean within = Math.abs(growth) <= tolerance;
            pass &= within;
            out.printf(Locale.ROOT, "soak: heap %s: %d KB at the baseline, %d KB at the end (%+.1f%%, limit %.0f%%) %s%n",
                    e.getKey(), base, e.getValue(), growth * 100, tolerance * 100, within ? "ok" : "EXCEEDED");
        }
        out.println("soak: " + (pass ? "PASSED" : "FAILED"));
        return pass;
    }

    private static void write(Path p, String s, boolean append) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
