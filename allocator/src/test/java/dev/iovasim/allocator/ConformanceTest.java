package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.conformance.ConformanceCheck;
import dev.iovasim.allocator.conformance.ConformanceSet;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.Replay;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every runnable check of conformance/MANIFEST.tsv and compares with the kernel's
 * output, with the gap-guided search and with the kernel's linear walk.
 */
class ConformanceTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ConformanceCheck c : ConformanceSet.runnable()) {
            for (boolean gaps : new boolean[] {true, false}) out.add(Arguments.of(c, gaps));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, gap search {1}")
    @MethodSource("cases")
    void replayMatchesKernel(ConformanceCheck check, boolean gapSearch) throws Exception {
        Policy policy = check.policy();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<String> warnings = new ArrayList<>();
        Replay.Result result;
        try (InputStream in = ConformanceSet.open(check.trace())) {
            result = new Replay(cfg -> AllocatorTarget.create(policy, cfg, gapSearch), warnings::add, 0).run(in, got);
        }
        check.requireMatches(got.toString(StandardCharsets.US_ASCII).lines().toList());
        if (check.kind() == ConformanceCheck.Kind.STOPPED) {
            // v4.15 (__cached_rbnode_delete_update) frees a node its cached32 still points at
            assertTrue(result.staleNote() != null, "the v4.15 use-after-free should have been detected");
            assertTrue(warnings.stream().anyMatch(w -> w.contains("use-after-free")));
        }
        assertTrue(result.conservation().ok(), () -> "conservation: " + result.conservation().problem());
    }
}
