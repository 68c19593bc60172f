package dev.iovasim.capture;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.Invalidation;
import dev.iovasim.allocator.trace.TraceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a capture's map and unmap events into trace operations, streaming: its state is the live
 * mappings (and the few operations waiting for a scatter-gather mapping to end), never the
 * capture.
 *
 * <p>What the DMA layer does and the trace says (drivers/iommu/dma-iommu.c, v5.x-v6.x):
 * {@code iommu_dma_alloc_iova} takes one IOVA range per mapping and {@code iommu_map} fires one
 * {@code map} event per physically contiguous piece of it, so a scatter-gather list shows as map
 * events on one CPU with abutting iova ranges: they are coalesced into one allocation.
 * {@code __iommu_dma_unmap} unmaps the whole range at once (one {@code unmap} event) and frees the
 * IOVA, which becomes {@code free CPU @N} of the allocation whose start it names.
 *
 * <p>Operations are written in the order the kernel allocated: a mapping that may still grow holds
 * back the operations queued after it (bounded by the time window and {@link #MAX_HELD}).
 */
public final class Importer {
    /** Operations held back behind an open scatter-gather mapping before it is closed regardless. */
    static final int MAX_HELD = 1 << 16;

    private final ImportSettings settings;
    private final TraceWriter out;
    private final LineProblems problems;
    private final List<long[]> reserves;
    private final List<String> comments;
    private final int shift;
    private final long limit;
    private final long maxAddress;

    private final HashMap<Long, Mapping> live = new HashMap<>();
    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    private Mapping[] open = new Mapping[64];
    private int openCount;
    private int cpus;
    private boolean headerWritten;
    private long allocations;
    private long frees;
    private long maps;
    private long unmaps;
    private long coalesced;
    private long otherDevice;
    private long noDevice;

    private final Tally unmatched;
    private final Tally foreign;
    private final Tally partial;
    private final Tally held;
    private final Tally malformed;

    /** An allocation as the trace will have it; {@code n} is its @N once written. */
    private static final class Mapping {
        final int cpu;
        final long pfn;
        final long lineNo;
        long pages;
        long endIova;
        long lastNanos;
        boolean isOpen;
        boolean foreign;
        /** Another device's than --device asks for, or of no known device: left out silently. */
        boolean otherDevice;
        String device;
        long n;

        Mapping(int cpu, long pfn, long pages, long endIova, long nanos, long lineNo) {
            this.cpu = cpu;
            this.pfn = pfn;
            this.pages = pages;
            this.endIova = endIova;
            this.lastNanos = nanos;
            this.lineNo = lineNo;
        }
    }

    /** A queued operation: the allocation of {@code m}, or its free on {@code cpu}. */
    private record Op(boolean free, int cpu, Mapping m) {
    }

    /**
     * What an import saw, for the closing summary. When there were unmaps, the summary must say
     * once that each was taken as the free: in lazy mode (iommu.strict=0) the kernel frees the
     * IOVA only when its flush queue drains, later than the unmap event.
     */
    public record Summary(long lines, long maps, long unmaps, long allocations, long frees, long coalesced,
                          long unmatchedFrees, long heldAtEnd, long foreign, long partialUnmaps, long malformed,
                          long otherDevice, long noDevice) {
    }

    /**
     * @param reserves  {@code [lo, hi]} pfn pairs, written as {@code reserve} lines after the header
     * @param comments  comment lines for the top of the trace
     * @param warnings  receives each printed warning (the CLI puts them on standard error)
     */
    public Importer(ImportSettings settings, OutputStream out, List<long[]> reserves, List<String> comments,
                    Consumer<String> warnings) {
        this.settings = settings;
        this.out = new TraceWriter(out);
        this.reserves = reserves;
        this.comments = comments;
        this.shift = settings.shift();
        this.limit = settings.limitPfn();
        this.maxAddress = settings.maxAddress();
        this.unmatched = new Tally("unmap without a map (the capture started after the map, or another domain)", warnings);
        this.foreign = new Tally("event the DMA API cannot produce (VFIO/unmanaged domain?), left out", warnings);
        this.partial = new Tally("unmap of a different size than its map, freed whole", warnings);
        this.held = new Tally("map never unmapped, held at the end", warnings);
        this.malformed = new Tally("malformed line", warnings);
        this.problems = (lineNo, why, text) -> {
            if (settings.strict()) throw new CaptureException(lineNo, why, text);
            malformed.add(lineNo, why + ": " + text);
        };
    }

    /** Where a reader reports unreadable lines: counted, or fatal under {@code --strict}. */
    public LineProblems problems() {
        return problems;
    }

    /** Reads every event of {@code in}; {@code progress} is called with the line count now and then. */
    public Summary run(CaptureReader in, java.util.function.LongConsumer progress) throws IOException, CaptureException {
        try {
            CaptureEvent e = new CaptureEvent();
            long events = 0;
            while (in.next(e)) {
                if (!headerWritten) header(in);
                if (e.cpu >= cpus) {
                    problems.malformed(e.lineNo, "CPU " + e.cpu + " is beyond the domain's cpus=" + cpus, "[" + e.cpu + "]");
                    continue;
                }
                expire(e.timestampNanos);
                if (e.kind == CaptureEvent.MAP) {
                    maps++;
                    map(e);
                } else if (e.kind == CaptureEvent.UNMAP) {
                    unmaps++;
                    unmap(e);
                } else {
                    device(e);
                }
                if ((++events & 0xffff) == 0) progress.accept(in.lineNo());
            }
            if (!headerWritten) header(in);
            for (Mapping m : open) {
                if (m != null) close(m);
            }
            drain();
            long heldNow = 0;
            for (Mapping m : live.values()) {
                if (m.foreign || m.otherDevice) continue;
                heldNow++;
                held.add(m.lineNo, "iova 0x" + Long.toHexString(m.pfn << shift) + ", " + m.pages + " pages");
            }
            return new Summary(in.lineNo(), maps, unmaps, allocations, frees, coalesced, unmatched.count(), heldNow,
                    foreign.count(), partial.count(), malformed.count(), otherDevice, noDevice);
        } finally {
            out.flush(); // the lines written so far stay written when the capture turns out bad
        }
    }

    /**
     * {@code cpus}, the CPU count the capture gives (its header, or its highest CPU plus one), if a
     * trace can have that many ({@link DomainConfig#MAX_CPUS}: replay refuses more).
     */
    public static int domainCpus(int cpus) throws CaptureException {
        if (cpus > DomainConfig.MAX_CPUS) {
            throw new CaptureException(0, "the capture has " + cpus + " CPUs, more than a trace's " + DomainConfig.MAX_CPUS
                    + "; give --cpus N", "");
        }
        return cpus;
    }

    private void header(CaptureReader in) throws IOException, CaptureException {
        cpus = settings.cpus() > 0 ? settings.cpus() : domainCpus(in.cpusFromHeader());
        if (cpus <= 0) {
            throw new CaptureException(0, "the capture does not say how many CPUs it has (no 'cpus=' or '#P:'"
                    + " header line): give --cpus N", "");
        }
        out.header(new DomainConfig(cpus, settings.granule(), 1), comments, Invalidation.STRICT);
        for (long[] r : reserves) out.reserve(r[0], r[1], "reserved region");
        headerWritten = true;
    }

    private void map(CaptureEvent e) {
        Mapping g = openOn(e.cpu);
        if (g != null && e.iova == g.endIova && e.size > 0 && e.size % settings.granule() == 0
                && e.timestampNanos - g.lastNanos <= settings.sgWindowNanos()) {
            g.pages += e.size >>> shift;
            g.endIova += e.size;
            g.lastNanos = e.timestampNanos;
            coalesced++;
            return;
        }
        if (g != null) close(g);
        String why = notFromDmaApi(e);
        long pfn = e.iova >>> shift;
        if (why == null && live.containsKey(pfn)) why = "iova 0x" + Long.toHexString(e.iova) + " is mapped already";
        if (why != null) {
            foreign.add(e.lineNo, why);
            if (!live.containsKey(pfn) && e.iova % settings.granule() == 0) {
                // remembered so that its unmap is not reported as one without a map
                Mapping m = new Mapping(e.cpu, pfn, 0, e.iova, e.timestampNanos, e.lineNo);
                m.foreign = true;
                live.put(pfn, m);
            }
            return;
        }
        Mapping m = new Mapping(e.cpu, pfn, e.size >>> shift, e.iova + e.size, e.timestampNanos, e.lineNo);
        m.device = e.device;
        m.isOpen = true;
        if (e.cpu >= open.length) open = Arrays.copyOf(open, Math.max(e.cpu + 1, open.length * 2));
        open[e.cpu] = m;
        openCount++;
        live.put(pfn, m);
        queue.add(new Op(false, e.cpu, m));
        if (queue.size() > MAX_HELD) close(queue.peekFirst().m());
    }

    /**
     * A dma.h event after a mapping: it names the device of the mapping on its CPU that holds
     * its address, and ends that mapping's growth (the DMA call has returned). The device of a
     * vendor kernel's {@code dev=} map event is taken the same way.
     */
    private void device(CaptureEvent e) {
        Mapping g = openOn(e.cpu);
        if (g != null && Long.compareUnsigned(e.iova, g.pfn << shift) >= 0 && Long.compareUnsigned(e.iova, g.endIova) < 0) {
            g.device = e.device;
            close(g);
            return;
        }
        if (g != null) close(g);
    }

    /** Why this map event cannot be a DMA-API mapping, or null. */
    private String notFromDmaApi(CaptureEvent e) {
        long g = settings.granule();
        if (e.size <= 0 || e.size % g != 0) return "size " + e.size + " is not a multiple of the granule " + g;
        if (e.iova % g != 0) return "iova 0x" + Long.toHexString(e.iova) + " is not granule-aligned";
        if (e.iova == 0) return "iova 0 is never allocated (start_pfn is 1)";
        long last = e.iova + e.size - 1;
        if (Long.compareUnsigned(last, e.iova) < 0 || Long.compareUnsigned(last, maxAddress) > 0) {
            return "iova 0x" + Long.toHexString(e.iova) + " + " + e.size + " is above the DMA mask/aperture 0x"
                    + Long.toHexString(maxAddress);
        }
        return null;
    }

    private void unmap(CaptureEvent e) {
        Mapping g = openOn(e.cpu);
        if (g != null) close(g);
        Mapping m = e.iova % settings.granule() == 0 ? live.remove(e.iova >>> shift) : null;
        if (m == null) {
            unmatched.add(e.lineNo, "iova 0x" + Long.toHexString(e.iova) + " size " + e.size);
            return;
        }
        if (m.isOpen) close(m);
        if (m.foreign || m.otherDevice) return;
        if (e.size != m.pages << shift) {
            partial.add(e.lineNo, "iova 0x" + Long.toHexString(e.iova) + " unmaps " + e.size + " bytes of a "
                    + (m.pages << shift) + "-byte mapping");
        }
        queue.add(new Op(true, e.cpu, m));
        drain();
    }

    /** Closes the open mappings whose last piece is older than the scatter-gather window. */
    private void expire(long now) {
        if (openCount == 0) return;
        for (Mapping m : open) {
            if (m != null && now - m.lastNanos > settings.sgWindowNanos()) close(m);
        }
    }

    /**
     * Ends a mapping's growth: its final size is known, so the DMA layer's alignment can be
     * checked (alloc_iova with size_aligned: the start is a multiple of the size rounded up to a
     * power of two), and the operations held behind it can go out.
     */
    private void close(Mapping m) {
        m.isOpen = false;
        if (open[m.cpu] == m) {
            open[m.cpu] = null;
            openCount--;
        }
        long align = Long.highestOneBit(m.pages) == m.pages ? m.pages : Long.highestOneBit(m.pages) << 1;
        if (!m.foreign && m.pfn % align != 0) {
            m.foreign = true;
            foreign.add(m.lineNo, "iova 0x" + Long.toHexString(m.pfn << shift) + " is not aligned to its "
                    + m.pages + "-page size rounded up to a power of two, as alloc_iova would align it");
        }
        if (!m.foreign && settings.device() != null && !settings.device().equals(m.device)) {
            m.otherDevice = true;
            if (m.device == null) noDevice++;
            else otherDevice++;
        }
        drain();
    }

    private void drain() {
        Op op;
        while ((op = queue.peekFirst()) != null) {
            Mapping m = op.m();
            if (!op.free() && m.isOpen) return;
            queue.pollFirst();
            if (m.foreign || m.otherDevice) continue;
            if (op.free()) {
                frees++;
                out.importedFree(op.cpu(), m.n, m.pfn);
            } else {
                m.n = ++allocations;
                out.imported(settings.mapOps(), op.cpu(), m.pages, limit, m.device, m.pfn);
            }
        }
    }

    private Mapping openOn(int cpu) {
        return cpu < open.length ? open[cpu] : null;
    }
}
