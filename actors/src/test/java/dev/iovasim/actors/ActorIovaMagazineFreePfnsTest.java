package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaDomain.KernelEvent.Kind;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.CachedPfnTraces;
import dev.iovasim.allocator.trace.OpTarget;
import dev.iovasim.allocator.trace.Replay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * iova_magazine_free_pfns meeting a cached pfn no range holds, on the actor engine: the tree owner
 * sees it (a flush, a depot overflow, an unplug, a trim, the flush queues' timer), its answers carry
 * the kinds of event seen to the driver, and the replay names the same line and pfn as the
 * reference engine, with the same output.
 */
class ActorIovaMagazineFreePfnsTest {

    record Run(String out, List<String> warnings, Replay.Result result) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Policy.LINUX_4_15, CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH, Kind.BUG_ON_CACHED_PFN),
                Arguments.of(Policy.LINUX_6_1, CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH, Kind.WARN_ON_CACHED_PFN),
                Arguments.of(Policy.LINUX_4_14, CachedPfnTraces.NEVER_ALLOCATED_THEN_UNPLUG, Kind.BUG_ON_CACHED_PFN),
                Arguments.of(Policy.LINUX_6_7, CachedPfnTraces.NEVER_ALLOCATED_THEN_UNPLUG, Kind.WARN_ON_CACHED_PFN),
                Arguments.of(Policy.LINUX_4_15.withMagazineSize(2), CachedPfnTraces.depotOverflow(2), Kind.BUG_ON_CACHED_PFN),
                Arguments.of(Policy.LINUX_6_1.withMagazineSize(2), CachedPfnTraces.depotOverflow(2), Kind.WARN_ON_CACHED_PFN),
                Arguments.of(Policy.LINUX_6_7.withMagazineSize(2), CachedPfnTraces.TRIM, Kind.WARN_ON_CACHED_PFN),
                Arguments.of(Policy.LINUX_6_1.withMagazineSize(2), CachedPfnTraces.lazyTimer(), Kind.WARN_ON_CACHED_PFN));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void bothEnginesNameTheSameLine(Policy p, CachedPfnTraces.Case c, Kind kind) throws Exception {
        Run reference = replay(c.text(), cfg -> AllocatorTarget.create(p, cfg, true));
        Run actors = replay(c.text(), cfg -> ActorTarget.create(p, cfg, true, EngineSettings.defaults()));
        assertEquals(reference.out(), actors.out(), "pfn lines and summary");
        String note = actors.result().eventNotes().get(kind);
        assertTrue(note != null, () -> "the actor engine's notes: " + actors.result().eventNotes());
        String where = kind == Kind.BUG_ON_CACHED_PFN ? "kernel BUG_ON at line " + c.line() + " (" : "kernel WARN_ON at line " + c.line() + ":";
        assertTrue(note.startsWith(where) && note.contains("cached pfn " + c.pfn() + " "), note);
        assertEquals(reference.warnings(), actors.warnings(), "the same note, once");
        assertEquals(reference.result().eventNotes(), actors.result().eventNotes());
    }

    private static Run replay(String trace, Function<DomainConfig, OpTarget> engine) throws Exception {
        List<String> warnings = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Replay.Result r = new Replay(engine, warnings::add, 0).notesTo(n -> { })
                .run(new ByteArrayInputStream(trace.getBytes(StandardCharsets.US_ASCII)), out);
        return new Run(out.toString(StandardCharsets.US_ASCII), warnings, r);
    }
}
