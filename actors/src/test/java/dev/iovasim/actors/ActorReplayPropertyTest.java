package dev.iovasim.actors;

import dev.iovasim.allocator.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** On random traces, the actor engine replayed one operation at a time equals the reference engine. */
class ActorReplayPropertyTest {
    private static final int SEEDS = 8;
    private static final int OPS = 3000;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Policy p : ActorReplayConformanceTest.presets()) {
            for (long seed = 1; seed <= SEEDS; seed++) out.add(Arguments.of(p, seed * 7919));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void sameOutputOnRandomTraces(Policy policy, long seed) throws Exception {
        EngineComparison.requireSameOutput("seed " + seed + " " + policy.name(), RandomTraces.trace(seed, OPS), policy);
    }
}
