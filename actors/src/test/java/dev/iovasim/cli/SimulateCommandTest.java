package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.conformance.ConformanceSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome simulate(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "simulate";
            System.arraycopy(args, 0, all, 1, args.length);
            int status = Main.run(all);
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--cpus|0|--cpus:",
        "--cpus|lots|--cpus:",
        "--cpus|5000|--cpus:",
        "--ops|0|--ops:",
        "--ops|-5|--ops:",
        "--seed|x1|--seed:",
        "--check-every|-1|--check-every:",
        "--policy|linux-9.9|--policy:",
        "--policy|linux-6.1,,linux-4.14|--policy:",
        "--policy|linux-6.1,|--policy: empty name in 'linux-6.1,'",
        "--policy|linux-6.1,linux-4.14,LINUX-6.1|--policy: linux-6.1 is listed twice",
        "--workload|nic:ring=1,ring=2|--workload: workload nic: ring: given twice",
        "--engine|reference,|--engine: empty name in 'reference,'",
        "--magazine-size|0|--magazine-size:",
        "--magazine-size|big|--magazine-size:",
        "--workload|disk|--workload:",
        "--workload|nic:ring=0|--workload:",
        "--workload|nic:color=red|--workload:",
        "--workload|nic:remote=2|--workload:",
        "--workload|trace:/no/such/file|--workload:",
        "--engine|warp|--engine:",
        "--json|/no/such/dir/out.json|--json:",
        "--emit-trace|/no/such/dir/t.trace|--emit-trace:",
        "--search|binary|--search:",
    })
    void badValuesExitTwoNamingTheFlag(String flag, String value, String expected) {
        Outcome o = switch (flag) {
            case "--cpus" -> simulate("--cpus", value, "--ops", "10");
            case "--ops" -> simulate("--cpus", "2", "--ops", value);
            default -> simulate(flag, value, "--cpus", "2", "--ops", "10");
        };
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith("error: " + expected), o.err());
        assertEquals("", o.out());
    }

    /** As sweep refuses it (RunLimits): a cpu-node JVM with no CPU to host. */
    @Test
    void moreCpuNodesThanCpusIsRefused() {
        Outcome o = simulate("--nodes", "5", "--cpus", "2", "--engine", "actors", "--ops", "10");
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith("error: --nodes 5: its 4 cpu nodes need at least 4 CPUs (one each), got --cpus 2"), o.err());
        CliRun r = CliRun.of("flushbench", "--nodes", "5", "--cpus", "2");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: --nodes 5: its 4 cpu nodes need at least 4 CPUs"), r.err());
    }

    @Test
    void unknownFlagAndMissingValueExitTwo() {
        assertEquals(2, simulate("--frobnicate").status());
        assertEquals(2, simulate("--cpus").status());
    }

    @Test
    void tracesCpuCountCannotBeOverridden() {
        Path trace = ConformanceSet.extract("c1-basic.trace.xz", dir);
        Outcome o = simulate("--workload", "trace:" + trace, "--cpus", "7");
        assertEquals(2, o.status());
        assertTrue(o.err().startsWith("error: --cpus: the trace has 4 CPUs"), o.err());
    }

    @Test
    void printsATableWithOneColumnPerPolicyAndWritesJson() throws Exception {
        Path json = dir.resolve("runs.json");
        Outcome o = simulate("--cpus", "4", "--ops", "500", "--workload", "mixed", "--policy", "linux-4.15,linux-6.7",
                "--json", json.toString(), "--check-every", "300");
        assertEquals(0, o.status(), o.err());
        String header = o.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains("linux-4.15") && header.contains("linux-6.7"), header);
        assertTrue(o.out().contains("hit rate"), o.out());
        String text = Files.readString(json);
        assertTrue(text.startsWith("{\n  \"runs\": ["), text);
        for (String key : new String[] {"\"policy\": \"linux-6.7\"", "\"engine\": \"reference\"", "\"nodes\": 1",
                "\"alloc_failed\"", "\"flushed_pfns_useless\"", "\"ops_per_second\"", "\"size_classes\"", "\"conservation_ok\": true"}) {
            assertTrue(text.contains(key), key);
        }
    }

    @Test
    void emitTraceWithSeveralPoliciesNamesAFilePerPolicy() {
        Path t = dir.resolve("run.trace");
        Outcome o = simulate("--cpus", "2", "--ops", "200", "--workload", "nic", "--policy", "linux-4.14,linux-6.1",
                "--engine", "reference", "--emit-trace", t.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(Files.exists(dir.resolve("run.linux-4.14.trace")));
        assertTrue(Files.exists(dir.resolve("run.linux-6.1.trace")));
        Outcome replay = replay(dir.resolve("run.linux-6.1.trace"), "linux-6.1");
        assertEquals(0, replay.status(), replay.err());
    }

    private static Outcome replay(Path file, String policy) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int status = Main.run("replay", file.toString(), "--policy", policy, "--out", file + ".out");
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), "");
        } finally {
            System.setOut(oldOut);
        }
    }
}
