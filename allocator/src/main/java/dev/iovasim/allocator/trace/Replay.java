package dev.iovasim.allocator.trace;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Conservation;
import dev.iovasim.allocator.ConservationFailure;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaDomain.KernelEvent;
import dev.iovasim.allocator.Outcome;
import dev.iovasim.allocator.PfnSink;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Replays a trace against an engine: one output line per allocation, then the summary. Keeps
 * the trace's allocations ({@link TraceAllocations}, for {@code free CPU @N}) and its literal
 * frees, and nothing per line beyond that.
 */
public final class Replay implements Conservation.Holdings {
    private static final KernelEvent.Kind[] KINDS = KernelEvent.Kind.values();
    private final Function<DomainConfig, OpTarget> engines;
    private final Consumer<String> warnings;
    private final long checkEvery;
    private OpTarget target;
    private final TraceAllocations allocations = new TraceAllocations();
    private long[] literalFrees = new long[16];
    private int literalCount;
    private long failed;
    private long hits;
    private long ops;
    private long clock;
    /** One note per kind of kernel event, in the order they first happened. */
    private final Map<KernelEvent.Kind, String> eventNotes = new LinkedHashMap<>();
    private Consumer<String> notes;

    /**
     * How the replay ended; {@code summaryLine} has its figures (allocations, failures, hits,
     * flushes); {@code eventNotes} says where the trace first made the kernel do what the model
     * does not follow, one note per kind.
     */
    public record Result(Conservation.Result conservation, Map<KernelEvent.Kind, String> eventNotes, String summaryLine) {
        /** The note on v4.15's use-after-free of cached32_node, or null. */
        public String staleNote() {
            return eventNotes.get(KernelEvent.Kind.STALE_CACHED32);
        }
    }

    /**
     * @param engines    builds the engine once the header is known
     * @param warnings   receives warnings (printed on standard error by the CLI)
     * @param checkEvery run the conservation check every this many operations (0: only at the end)
     */
    public Replay(Function<DomainConfig, OpTarget> engines, Consumer<String> warnings, long checkEvery) {
        this.engines = engines;
        this.warnings = warnings;
        this.checkEvery = checkEvery;
    }

    /**
     * Sends the free-form {@code #} lines after the summary (engine, conservation, kernel event
     * note) to {@code sink} instead of the output, so that the output holds exactly what the
     * trace format fixes: the pfn lines and the first summary line.
     */
    public Replay notesTo(Consumer<String> sink) {
        this.notes = sink;
        return this;
    }

    private void note(TraceWriter out, String line) {
        if (notes == null) out.line(line);
        else notes.accept(line);
    }

    public Result run(InputStream in, OutputStream outStream) throws IOException, TraceException {
        TraceReader r = new TraceReader(in);
        TraceWriter out = new TraceWriter(outStream);
        try {
            while (r.next()) {
                if (target == null) start(r);
                int allocsBefore = allocations.count();
                apply(r, out);
                ops++;
                if (eventNotes.size() < KINDS.length) noteEvents(r.lineNo(), allocsBefore);
                if (checkEvery > 0 && ops % checkEvery == 0) requireConserved(r.lineNo());
            }
            if (target == null) start(r);
            Conservation.Result c = target.check(this);
            String summary = "# allocs " + allocations.count() + " failed " + failed + " rcache_hits " + hits
                    + " flushes " + target.stats().get(Counter.FLUSHES) + " flushed_pfns " + target.stats().get(Counter.FLUSHED_PFNS);
            out.line(summary);
            note(out, "# engine " + target.engineName() + " ops " + ops);
            AllocStats s = target.stats();
            note(out, "# dma sac_attempts " + s.get(Counter.SAC_ATTEMPTS) + " sac_failures " + s.get(Counter.SAC_FAILURES)
                    + " devices_switched " + s.get(Counter.DEVICES_SWITCHED));
            if (s.get(Counter.FQ_QUEUED) > 0) {
                note(out, "# flush_queue queued " + s.get(Counter.FQ_QUEUED) + " flushes " + s.get(Counter.FQ_FLUSHES) + " freed " + s.get(Counter.FQ_FREED)
                        + " still_queued " + (s.get(Counter.FQ_QUEUED) - s.get(Counter.FQ_FREED)));
            }
            note(out, c.ok() ? "# conservation ok: " + c.liveRanges() + " live ranges"
                    : "# conservation FAILED: " + c.problem());
            for (String n : eventNotes.values()) note(out, "# " + n);
            return new Result(c, Collections.unmodifiableMap(new LinkedHashMap<>(eventNotes)), summary);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the output stream's own failure, as it reported it
        } finally {
            out.flush();
            if (target != null) target.close();
        }
    }

    /** Builds the engine once the header is known; a version-3 header's invalidation mode goes to it. */
    private void start(TraceReader r) {
        target = engines.apply(r.config());
        if (r.invalidation() != null) target.invalidation(r.invalidation());
    }

    private void apply(TraceReader r, TraceWriter out) throws TraceException {
        switch (r.kind()) {
            case TraceReader.ALLOC -> allocated(r, target.alloc(r.cpu(), r.size(), r.limit(), !r.noflush()), out);
            case TraceReader.MAP -> allocated(r, target.map(r.cpu(), r.size(), r.limit(), r.device()), out);
            case TraceReader.FREE_REF -> {
                int i = allocations.free(r);
                if (allocations.pfn(i) != 0) target.unmap(r.cpu(), allocations.pfn(i), allocations.size(i));
            }
            case TraceReader.FREE_PFN -> {
                if (literalCount == literalFrees.length) literalFrees = Arrays.copyOf(literalFrees, literalCount * 2);
                literalFrees[literalCount++] = r.pfn();
                target.unmap(r.cpu(), r.pfn(), r.freeSize());
            }
            case TraceReader.CLOCK -> {
                if (r.size() < clock) {
                    throw new TraceException(r.lineNo(), "the clock goes back from " + clock + " ns to " + r.size() + " ns", r.text());
                }
                clock = r.size();
                target.advanceClock(clock);
            }
            case TraceReader.CPUDEAD -> target.cpuDead(r.cpu());
            case TraceReader.RESERVE -> {
                if (!target.reserve(r.lo(), r.hi())) {
                    warnings.accept("line " + r.lineNo() + ": reserve beyond the address space is refused, as the kernel does: " + r.text());
                }
            }
            default -> throw new IllegalStateException("unknown op kind " + r.kind());
        }
    }

    private void allocated(TraceReader r, long pfn, TraceWriter out) {
        allocations.add(r.size(), r.cpu(), pfn);
        if (pfn == 0) {
            failed++;
        } else if (Outcome.isHit(target.lastOutcome())) {
            hits++;
        }
        out.unsignedLine(pfn);
    }

    /** A kernel event of a kind not yet noted has happened on line {@code lineNo}: noted and warned of, once. */
    private void noteEvents(long lineNo, int allocsBefore) {
        for (KernelEvent.Kind k : KINDS) {
            KernelEvent e = eventNotes.containsKey(k) ? null : target.kernelEvent(k);
            if (e == null) continue;
            String note = describe(e, lineNo, allocsBefore);
            eventNotes.put(k, note);
            warnings.accept(note);
        }
    }

    private String describe(KernelEvent e, long lineNo, int allocsBefore) {
        String lo = Long.toUnsignedString(e.lo());
        String pfn = "iova_magazine_free_pfns finds no range holding cached pfn " + lo + " (freed twice, or never allocated); ";
        return switch (e.kind()) {
            case STALE_CACHED32 -> "v4.15 use-after-free at line " + lineNo + " (after " + allocations.count()
                    + " allocations): the kernel keeps cached32_node on the freed range [" + lo + ", " + Long.toUnsignedString(e.hi())
                    + "]; the model applies the later fix (iommu/iova: Remove stale cached32_node), so v4.15's own"
                    + " results after this point are undefined";
            // the allocations before the line are the pfn lines the stopped kernel printed
            case BUG_ON_CACHED_PFN -> "kernel BUG_ON at line " + lineNo + " (after " + allocsBefore + " allocations): " + pfn
                    + "this preset's kernel (before v5.9) stops there on BUG_ON(!iova), so its results from this line on are"
                    + " undefined; the model skips the pfn, as v5.9 and later do (iommu/iova: Don't BUG on invalid PFNs, d3e3d2be688b)";
            case WARN_ON_CACHED_PFN -> "kernel WARN_ON at line " + lineNo + ": " + pfn + "the kernel warns and skips it, as the"
                    + " model does (iommu/iova: Don't BUG on invalid PFNs, d3e3d2be688b, v5.9)";
        };
    }

    private void requireConserved(long lineNo) {
        Conservation.Result c = target.check(this);
        if (!c.ok()) throw new ConservationFailure("conservation check failed after line " + lineNo + ": " + c.problem());
    }

    /**
     * What the trace's caller side holds: every allocation not yet freed by {@code @N}, less
     * the literal frees (each cancels one holding of its pfn, if there is one).
     */
    @Override
    public void forEachHeld(PfnSink sink) {
        long[] held = new long[allocations.count()];
        int n = 0;
        for (int i = 0; i < allocations.count(); i++) {
            if (allocations.held(i)) held[n++] = allocations.pfn(i);
        }
        if (literalCount > 0) {
            Arrays.sort(held, 0, n);
            long[] gone = Arrays.copyOf(literalFrees, literalCount);
            Arrays.sort(gone);
            int k = 0;
            int kept = 0;
            for (int i = 0; i < n; i++) {
                while (k < gone.length && gone[k] < held[i]) k++;
                if (k < gone.length && gone[k] == held[i]) {
                    k++;
                } else {
                    held[kept++] = held[i];
                }
            }
            n = kept;
        }
        for (int i = 0; i < n; i++) sink.accept(held[i]);
    }
}
