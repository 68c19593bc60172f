package dev.iovasim.allocator.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.IovaDomain.KernelEvent.Kind;
import dev.iovasim.allocator.Policy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * iova_magazine_free_pfns meets a cached pfn no range holds (a literal free of a range freed
 * already, or never allocated): kernels before v5.9 stop on BUG_ON, later ones warn and skip it
 * ("iommu/iova: Don't BUG on invalid PFNs", d3e3d2be688b). The model always skips it; replay says
 * once, on the line whose operation sent the magazine back, what the kernel would have done. The
 * output itself stays what it was.
 */
class IovaMagazineFreePfnsTest {

    /** What a replay printed: pfn and summary lines, warnings (standard error), notes after the summary. */
    record Run(List<String> out, List<String> warnings, List<String> notes, Replay.Result result) {
        String note(Kind kind) {
            return result.eventNotes().get(kind);
        }
    }

    static Run replay(Policy p, String trace) throws Exception {
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Replay.Result r = new Replay(cfg -> AllocatorTarget.create(p, cfg, true), warnings::add, 0).notesTo(notes::add)
                .run(new ByteArrayInputStream(trace.getBytes(StandardCharsets.US_ASCII)), out);
        return new Run(out.toString(StandardCharsets.US_ASCII).lines().toList(), warnings, notes, r);
    }

    /** The one note under a kernel with BUG_ON: where, after how many allocations, which pfn, and that what follows is undefined. */
    static void requireBugOn(Run run, CachedPfnTraces.Case c, long allocsBefore) {
        String note = run.note(Kind.BUG_ON_CACHED_PFN);
        assertTrue(note != null, c + ": a note");
        assertTrue(note.startsWith("kernel BUG_ON at line " + c.line() + " (after " + allocsBefore + " allocations): "), note);
        assertTrue(note.contains("cached pfn " + c.pfn() + " "), note);
        assertTrue(note.contains("stops there on BUG_ON(!iova)") && note.contains("undefined"), note);
        assertNull(run.note(Kind.WARN_ON_CACHED_PFN));
        assertEquals(List.of(note), run.warnings(), "warned of once, as it happened");
        assertTrue(run.notes().contains("# " + note), "and noted after the summary");
    }

    static void requireWarnOn(Run run, CachedPfnTraces.Case c) {
        String note = run.note(Kind.WARN_ON_CACHED_PFN);
        assertTrue(note != null, c + ": a note");
        assertTrue(note.startsWith("kernel WARN_ON at line " + c.line() + ": "), note);
        assertTrue(note.contains("cached pfn " + c.pfn() + " ") && note.contains("warns and skips it"), note);
        assertNull(run.note(Kind.BUG_ON_CACHED_PFN));
        assertEquals(List.of(note), run.warnings());
        assertTrue(run.notes().contains("# " + note));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugOnPresets")
    void doubleFreeFlushedBugsBeforeV59(Policy p) throws Exception {
        Run run = replay(p, CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH.text());
        assertEquals(CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH_OUT, run.out(), "the output does not change");
        requireBugOn(run, CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("warnOnPresets")
    void doubleFreeFlushedWarnsFromV59(Policy p) throws Exception {
        Run run = replay(p, CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH.text());
        assertEquals(CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH_OUT, run.out());
        requireWarnOn(run, CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH);
    }

    /** free_cpu_cached_iovas of an unplugged CPU goes through the same function. */
    @Test
    void unplugOfACpuCachingANeverAllocatedPfn() throws Exception {
        requireBugOn(replay(Policy.LINUX_4_15, CachedPfnTraces.NEVER_ALLOCATED_THEN_UNPLUG.text()),
                CachedPfnTraces.NEVER_ALLOCATED_THEN_UNPLUG, 3);
        requireWarnOn(replay(Policy.LINUX_6_1, CachedPfnTraces.NEVER_ALLOCATED_THEN_UNPLUG.text()),
                CachedPfnTraces.NEVER_ALLOCATED_THEN_UNPLUG);
    }

    /** __iova_rcache_insert with a full depot frees the CPU's full magazine to the tree: the free that overflowed is named. */
    @Test
    void depotOverflowNamesTheFreeThatOverflowed() throws Exception {
        CachedPfnTraces.Case c = CachedPfnTraces.depotOverflow(2);
        Run old = replay(Policy.LINUX_4_15.withMagazineSize(2), c.text());
        requireBugOn(old, c, 70);
        requireWarnOn(replay(Policy.LINUX_6_1.withMagazineSize(2), c.text()), c);
        assertTrue(replay(Policy.LINUX_6_7.withMagazineSize(2), c.text()).result().eventNotes().isEmpty(),
                "6.7's list depot never overflows");
        assertEquals(old.out(), replay(Policy.LINUX_6_1.withMagazineSize(2), c.text()).out());
    }

    /** v6.7's delayed trim frees a depot magazine on a clock line. */
    @Test
    void depotTrimOnTheClockLine() throws Exception {
        requireWarnOn(replay(Policy.LINUX_6_7.withMagazineSize(2), CachedPfnTraces.TRIM.text()), CachedPfnTraces.TRIM);
    }

    /** One note per replay: a later double free flushed on another line adds nothing. */
    @Test
    void onlyTheFirstIsNoted() throws Exception {
        String twice = CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH.text() + "free 1 1048572 4\nfree 1 1048572 4\nalloc 0 4 1048575\n";
        Run run = replay(Policy.LINUX_4_15, twice);
        requireBugOn(run, CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH, 1);
        assertTrue(run.result().summaryLine().contains(" flushes 3 "), "the later flush did meet its double free");
    }

    /** Magazines whose pfns are all held go back without a note. */
    @Test
    void heldPfnsNoteNothing() throws Exception {
        String once = CachedPfnTraces.DOUBLE_FREE_THEN_FLUSH.text().replaceFirst("free 0 1048575 1\n", "");
        Run run = replay(Policy.LINUX_4_15, once);
        assertTrue(run.result().eventNotes().isEmpty(), () -> "notes: " + run.result().eventNotes());
        assertTrue(run.warnings().isEmpty());
    }

    static Stream<Arguments> bugOnPresets() {
        return Stream.of(Arguments.of(Policy.LINUX_4_14), Arguments.of(Policy.LINUX_4_15));
    }

    static Stream<Arguments> warnOnPresets() {
        return Stream.of(Arguments.of(Policy.LINUX_6_1), Arguments.of(Policy.LINUX_6_1.withMagazineSize(128)),
                Arguments.of(Policy.LINUX_6_4), Arguments.of(Policy.LINUX_6_7));
    }
}
