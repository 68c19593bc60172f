package dev.iovasim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's short version (CI): 256 CPUs over 4 JVMs of -Xmx256m, as scripts/soak starts it, for
 * 1.5 minutes. Passes when every run's conservation survey passed and each JVM's heap after a full
 * GC at the end is within 50% of its value at minute 0.5 (after one run); every node's dead letters
 * are reported. The heap is compared over the last minute, as long as when this soak ran 2 minutes
 * with its baseline at minute 1: what was cut is half of the lead-in before the baseline (JVM
 * start-up and the warm-up run), not the minute that could show a leak. That minute lies inside
 * the warm-up (the 30-minute soak's heap grows until about run 60, then stays flat:
 * docs/cluster-notes.md), where the heap grew 8-15% from minute 1 to 2 in every CI run of the
 * 2-minute soak and 8-12% from baseline to end in this one's; so this catches only a gross leak,
 * and the 10% check after warm-up is the 30-minute soak's (scripts/soak).
 */
class SoakTest {
    @Test
    void minuteAndAHalfSoakOf256CpusOver4Jvms(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("soak.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseParallelGC", "-Xss4m", "-Diovasim.print-dead-letters=true",
                "-cp", System.getProperty("java.class.path"), Soak.class.getName(),
                "--minutes", "1.5", "--baseline-minute", "0.5", "--heap-every", "20", "--warmup-runs", "1", "--heap-tolerance", "0.5",
                "--out", dir.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("IOVASIM_NODE_JAVA_OPTS", "-Diovasim.print-dead-letters=true");
        // a node starved of CPU on a busy machine must not be downed (common.conf: 3 s)
        pb.environment().put("IOVASIM_HEARTBEAT_PAUSE", "20s");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the soak ends");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("soak: PASSED"), out);
        for (String node : List.of("tree", "cpus-1", "cpus-2", "cpus-3")) {
            assertTrue(out.contains("soak: heap " + node + ": "), node + " heap verdict: " + out);
            assertTrue(out.contains("soak: " + node + " dead letters: "), node + " dead letters: " + out);
        }
        List<String> runs = Files.readAllLines(dir.resolve("out/runs.csv"));
        assertTrue(runs.size() >= 2, "at least one run: " + runs);
        assertTrue(runs.stream().skip(1).allMatch(l -> l.contains(",true,0,0")), "every survey ok, no error, no loss: " + runs);
        long samples = Files.readAllLines(dir.resolve("out/heap.csv")).stream().filter(l -> l.contains(",tree,")).count();
        assertTrue(samples >= 2, "the tree's heap sampled at least twice: " + samples);
    }
}
