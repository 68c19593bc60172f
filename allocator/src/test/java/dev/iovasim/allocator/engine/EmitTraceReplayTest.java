package dev.iovasim.allocator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.conformance.ConformanceCheck;
import dev.iovasim.allocator.conformance.ConformanceSet;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.Replay;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --emit-trace} writes what the run did; replaying it gives every pfn back. */
class EmitTraceReplayTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "sac-pressure, linux-4.14, 16, 600",
        "sac-pressure, linux-6.1, 16, 600",
        "nic, linux-6.1, 8, 2000",
        "nic:ring=4096;budget=4096;gap-ns=100000, linux-6.7, 4, 6000",
        "storage, linux-4.15, 8, 1500",
        "aging, linux-6.7, 8, 1500",
        "mixed, linux-4.14, 8, 1500",
        "TRACE, linux-6.1, 1, 1",
        "storage:gap-ns=20000, linux-6.1+invalidation=lazy, 8, 1500",
        "nic:gap-ns=20000, linux-6.7+invalidation=lazy, 4, 3000",
        "nic:gap-ns=400000, linux-6.7+invalidation=lazy-single, 4, 3000",
    })
    void replayReproducesEveryPfn(String workload, String policy, int cpus, long ops) throws IOException {
        String spec = workload.equals("TRACE")
                ? "trace:" + ConformanceSet.extract("c4-hotplug.trace.xz", dir) : workload.replace(';', ',');
        Policy p = Policy.byName(policy);
        Path file = dir.resolve("run.trace");
        RunSpec s = new RunSpec(p, WorkloadCatalogue.byName(spec), cpus, ops, 7, 0, file, true, null, null);
        RunReport r = new ReferenceEngine().run(s, ProgressListener.NONE);

        List<String> expected = new ArrayList<>();
        String summary = null;
        for (String line : Files.readAllLines(file)) {
            if ((line.startsWith("alloc ") || line.startsWith("map ")) && line.contains("# ")) {
                expected.add(line.substring(line.indexOf("# ") + 2));
            } else if (line.startsWith("# allocs ")) {
                summary = line;
            }
        }
        assertEquals(r.longValue("allocs"), expected.size());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Replay.Result result;
        try (InputStream in = Files.newInputStream(file)) {
            result = new Replay(cfg -> AllocatorTarget.create(p, cfg, true), w -> { }, 0).run(in, out);
        } catch (dev.iovasim.allocator.trace.TraceException e) {
            throw new AssertionError(e);
        }
        List<String> replayed = out.toString(StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(expected, replayed);
        assertEquals(summary, result.summaryLine());
        assertTrue(result.conservation().ok());
        if (p.invalidation().lazy()) {
            assertTrue(r.longValue("fq_flushes") > 0, "the flush queues flushed: " + r.longValue("fq_flushes"));
            assertTrue(Files.readString(file).contains("invalidation=" + p.invalidation().word()));
        }
    }

    /** The 6.7 depot trim runs while emitting: the trace's clock lines let replay run it at the same moments. */
    @org.junit.jupiter.api.Test
    void depotTrimRunsWhileEmittingAndReplayFollowsTheClockLines() throws IOException {
        replayReproducesEveryPfn("nic:ring=4096;budget=4096;gap-ns=100000", "linux-6.7", 4, 6000);
        RunSpec s = new RunSpec(Policy.LINUX_6_7, WorkloadCatalogue.byName("nic:ring=4096,budget=4096,gap-ns=100000"), 4, 6000, 7, 0,
                dir.resolve("trim.trace"), true, null, null);
        assertTrue(new ReferenceEngine().run(s, ProgressListener.NONE).longValue("depot_trims") > 0);
    }

    /** A conformance trace run as a workload gives the kernel's pfns. */
    @ParameterizedTest
    @CsvSource({"c1-basic, linux-6.1", "c5-fail, linux-4.14", "c4-hotplug, linux-6.7"})
    void traceWorkloadMatchesTheConformanceOutput(String name, String policy) throws IOException {
        ConformanceCheck check = ConformanceSet.check(name, "--policy " + policy);
        Path trace = ConformanceSet.extract(check.trace(), dir);
        Path file = dir.resolve(name + ".emitted.trace");
        RunSpec s = new RunSpec(check.policy(), WorkloadCatalogue.byName("trace:" + trace), 1, 1, 1, 0, file, true, null, null);
        new ReferenceEngine().run(s, ProgressListener.NONE);
        List<String> got = Files.readAllLines(file).stream()
                .filter(l -> l.startsWith("alloc ") || l.startsWith("map "))
                .map(l -> l.substring(l.indexOf("# ") + 2)).toList();
        List<String> kernel = check.expectedLines().stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(kernel, got);
    }
}
