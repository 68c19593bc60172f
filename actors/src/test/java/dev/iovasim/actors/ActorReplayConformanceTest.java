package dev.iovasim.actors;

import dev.iovasim.allocator.Policy;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code replay --engine actors} prints what the reference engine prints on the shared
 * conformance traces, under every preset. The two long traces are cut to their first lines to
 * keep the suite short; the full traces are compared by the command in docs/actors-notes.md.
 */
class ActorReplayConformanceTest {
    private static final int LONG_TRACE_LINES = 40_000;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String trace : List.of("c1-basic", "c4-hotplug", "c5-fail", "c2-sac", "c3-churn")) {
            for (Policy p : presets()) out.add(Arguments.of(trace, p));
        }
        return out.stream();
    }

    static List<Policy> presets() {
        List<Policy> ps = new ArrayList<>(Policy.presets());
        ps.add(Policy.LINUX_6_1.withMagazineSize(128));
        return ps;
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("cases")
    void actorsPrintWhatReferencePrints(String trace, Policy policy) throws Exception {
        boolean cut = trace.startsWith("c2") || trace.startsWith("c3");
        byte[] text = read(ConformanceFiles.dir().resolve(trace + ".trace.gz"), cut ? LONG_TRACE_LINES : Integer.MAX_VALUE);
        EngineComparison.requireSameOutput(trace + " " + policy.name(), text, policy);
    }

    static byte[] read(Path gz, int maxLines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.US_ASCII))) {
            int n = 0;
            for (String l; n < maxLines && (l = r.readLine()) != null; n++) {
                out.write(l.getBytes(StandardCharsets.US_ASCII));
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
