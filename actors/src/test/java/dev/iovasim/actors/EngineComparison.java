package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.IrqCpus;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.OpTarget;
import dev.iovasim.allocator.trace.Replay;
import dev.iovasim.allocator.DomainConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** Replays one trace with both engines and requires the same output, line for line. */
final class EngineComparison {
    private EngineComparison() {
    }

    /**
     * The trace of a reference run of {@code workload} (';' for ',', so it fits a CSV source) at
     * seed 7, written into {@code dir}, its unmaps on {@code irq}'s CPUs ("-": none).
     */
    static byte[] referenceTrace(Path dir, String workload, Policy p, int cpus, long ops, String irq) throws Exception {
        Path file = dir.resolve("run.trace");
        RunSpec s = new RunSpec(p, WorkloadCatalogue.byName(workload.replace(';', ',')), cpus, ops, 7, 0, file, true, null, null);
        if (!irq.equals("-")) s = s.withIrqCpus(IrqCpus.parse(irq.replace(';', ','), cpus));
        new ReferenceEngine().run(s, ProgressListener.NONE);
        return Files.readAllBytes(file);
    }

    static void requireSameOutput(String label, byte[] trace, Policy policy) throws Exception {
        List<String> reference = reference(trace, policy);
        List<String> actors = replay(trace, cfg -> ActorTarget.create(policy, cfg, true, EngineSettings.defaults()));
        assertEquals(reference.size(), actors.size(), label + ": number of output lines");
        for (int i = 0; i < reference.size(); i++) {
            String want = reference.get(i);
            String got = actors.get(i);
            if (want.startsWith("# engine ")) {
                assertTrue(got.startsWith("# engine actors "), label + ": engine line " + got);
                assertEquals(want.replace("reference", ""), got.replace("actors", ""), label + ": ops count");
                continue;
            }
            assertEquals(want, got, label + ": first difference at output line " + (i + 1));
        }
        assertTrue(actors.stream().anyMatch(l -> l.startsWith("# conservation ok")), label + ": conservation");
    }

    /** What the reference engine prints for {@code trace} under {@code policy}. */
    static List<String> reference(byte[] trace, Policy policy) throws Exception {
        return replay(trace, cfg -> AllocatorTarget.create(policy, cfg, true));
    }

    private static List<String> replay(byte[] trace, Function<DomainConfig, OpTarget> engine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Replay(engine, w -> { }, 0).run(new ByteArrayInputStream(trace), out);
        return List.of(out.toString(StandardCharsets.US_ASCII).split("\n"));
    }
}
