package dev.iovasim.actors;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.conformance.ConformanceCheck;
import dev.iovasim.allocator.conformance.ConformanceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code replay --engine actors} prints what the reference engine prints on the conformance
 * traces, under the arguments of every runnable line of conformance/MANIFEST.tsv. The two long
 * traces are cut to their first lines to keep the suite short, and so are the {@code k*} traces,
 * which are there for the rules both engines share (ConformanceTest replays them whole); the
 * full traces are compared by the command in docs/actors-notes.md.
 */
class ActorReplayConformanceTest {
    private static final int LONG_TRACE_LINES = 40_000;
    private static final Set<String> LONG_TRACES = Set.of("c2-sac", "c3-churn");
    private static final int KERNEL_CHECK_LINES = 4_000;

    static Stream<ConformanceCheck> cases() {
        return ConformanceSet.runnable().stream();
    }

    /** Every preset and the 128-pfn-magazine build of v6.1, for the actor tests that sweep policies. */
    static List<Policy> presets() {
        List<Policy> ps = new ArrayList<>(dev.iovasim.allocator.Presets.all().stream().map(dev.iovasim.allocator.Presets.Preset::policy).toList());
        ps.add(Policy.LINUX_6_1.withMagazineSize(128));
        return ps;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void actorsPrintWhatReferencePrints(ConformanceCheck check) throws Exception {
        int lines = LONG_TRACES.contains(check.traceName()) ? LONG_TRACE_LINES
                : check.traceName().startsWith("k") ? KERNEL_CHECK_LINES : Integer.MAX_VALUE;
        EngineComparison.requireSameOutput(check.toString(), ConformanceSet.head(check.trace(), lines), check.policy());
    }
}
