package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code iovasim replay examples/NAME.trace --policy POLICY} prints byte for byte
 * examples/NAME.POLICY.out (a {@code -magN} suffix adds {@code --magazine-size N}): the
 * replay output is exactly the trace format's, with nothing else on standard output.
 */
class ExamplesReplayCliTest {
    static Path examples() {
        for (Path q = Path.of("").toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("allocator")) && Files.isDirectory(q.resolve("examples"))) return q.resolve("examples");
        }
        throw new IllegalStateException("cannot find the project's examples/ from " + Path.of("").toAbsolutePath());
    }

    /** examples/NAME.POLICY.out file names. */
    static Stream<String> expectedOutputs() throws IOException {
        try (Stream<Path> files = Files.list(examples())) {
            List<String> outs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".out")).sorted().toList();
            assertFalse(outs.isEmpty(), "no examples/*.out");
            return outs.stream();
        }
    }

    /** The replay command line an expected-output file's name stands for. */
    static List<String> replayArgs(String outName) {
        String stem = outName.substring(0, outName.length() - ".out".length());
        int dot = stem.indexOf('.');
        String policy = stem.substring(dot + 1);
        List<String> args = new ArrayList<>(List.of("replay", examples().resolve(stem.substring(0, dot) + ".trace").toString()));
        int mag = policy.lastIndexOf("-mag");
        if (mag >= 0) {
            args.addAll(List.of("--policy", policy.substring(0, mag), "--magazine-size", policy.substring(mag + 4)));
        } else {
            args.addAll(List.of("--policy", policy));
        }
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedOutputs")
    void replayPrintsExactlyTheExpectedOutput(String outName) throws IOException {
        CliRun r = CliRun.of(replayArgs(outName).toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(examples().resolve(outName)), r.out(), String.join(" ", replayArgs(outName)));
    }

    @Test
    void everyTraceHasExpectedOutputs() throws IOException {
        try (Stream<Path> files = Files.list(examples())) {
            for (Path t : files.filter(p -> p.toString().endsWith(".trace")).toList()) {
                String stem = t.getFileName().toString().replace(".trace", ".");
                assertTrue(expectedOutputs().anyMatch(o -> o.startsWith(stem)), "no expected output for " + t);
            }
        }
    }

    @Test
    void theSuffixRuleMapsMagToMagazineSize() {
        assertEquals(List.of("replay", examples().resolve("depot.trace").toString(), "--policy", "linux-6.1", "--magazine-size", "2"),
                replayArgs("depot.linux-6.1-mag2.out"));
    }

    @Test
    void verboseSendsTheNotesToStandardErrorOnly() {
        List<String> args = new ArrayList<>(replayArgs("basic.linux-6.1.out"));
        args.add("--verbose");
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.outLines().stream().filter(l -> l.startsWith("#")).count(), r.out());
        assertTrue(r.errLines().contains("# engine reference ops 11"), r.err());
        assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("# conservation ok")), r.err());
    }
}
