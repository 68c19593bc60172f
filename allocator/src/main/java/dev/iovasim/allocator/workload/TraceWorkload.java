package dev.iovasim.allocator.workload;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.trace.Compression;
import dev.iovasim.allocator.trace.TraceAllocations;
import dev.iovasim.allocator.trace.TraceException;
import dev.iovasim.allocator.trace.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A trace file (plain, gzip, xz or zstd: {@link Compression}) as a workload. A trace already
 * fixes the global order of operations and the CPU of each, so the engine does not interleave: it
 * asks {@link #nextCpu} and runs that CPU's stream, which hands out the trace's next line. The
 * domain (CPUs, granule, start pfn) is the trace's header; {@code --ops} does not apply (the whole
 * trace runs); the trace has no clock (every gap is 0, so 6.7's depot trim never runs, as in
 * replay). Each allocation is held by the CPU that made it until the trace frees it.
 */
public final class TraceWorkload implements OrderedWorkload {
    public static final String PREFIX = "trace:";
    public static final String SUMMARY = "the operations of a trace file (trace-format.md), in the trace's order, on the trace's CPUs";

    private final Path file;
    private final DomainConfig config;
    private Cursor cursor;

    public TraceWorkload(Path file) {
        this.file = file;
        this.config = readHeader(file);
    }

    @Override
    public String name() {
        return PREFIX + file;
    }

    /** The trace file, as named. */
    public Path file() {
        return file;
    }

    /** The trace's own domain, whatever {@code cpus} was asked. */
    @Override
    public DomainConfig domain(int cpus) {
        return config;
    }

    /** Starts a run: the trace is read again from its first line. */
    @Override
    public void setup(SetupTarget target, int cpus, long seed) {
        if (cursor != null) cursor.close();
        cursor = new Cursor(open(file));
    }

    @Override
    public CpuWorkload forCpu(int cpu, int cpus, long seed, long ops) {
        return new CpuWorkload() {
            @Override
            public int cpu() {
                return cpu;
            }

            @Override
            public boolean next(WorkOp op) {
                return cursor.take(cpu, op);
            }

            @Override
            public void adopt(long pfn, long size) {
                cursor.allocations.result(pfn);
            }

            @Override
            public void forEachHeld(HeldSink sink) {
                TraceAllocations a = cursor.allocations;
                for (int i = 0; i < a.count(); i++) {
                    if (a.holder(i) == cpu && a.held(i)) sink.held(a.pfn(i), a.size(i));
                }
            }
        };
    }

    @Override
    public int nextCpu() {
        return cursor.advance();
    }

    private static DomainConfig readHeader(Path file) {
        try (InputStream in = open(file)) {
            TraceReader r = new TraceReader(in);
            r.next();
            return r.config();
        } catch (IOException e) {
            throw unreadable(file, e);
        } catch (TraceException e) {
            throw failure(file, e);
        }
    }

    private static InputStream open(Path file) {
        try {
            return Compression.open(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A file that cannot be read, or (its message names the file) does not decompress. */
    private static WorkloadException unreadable(Path file, IOException e) {
        return new WorkloadException("trace " + (e instanceof Compression.CorruptInput ? e.getMessage()
                : file + ": cannot read: " + e.getMessage()), e);
    }

    private static WorkloadException failure(Path file, TraceException e) {
        return new WorkloadException("trace " + file + ": line " + e.line() + ": " + e.why() + ": " + e.text(), e);
    }

    /**
     * One pass over the trace: the line read ahead for {@link #nextCpu}, and every allocation's
     * result, size, CPU and state (for {@code free CPU @N} and holdings).
     */
    private final class Cursor {
        private final InputStream in;
        private final TraceReader reader;
        private final WorkOp pending = new WorkOp();
        private int pendingCpu = -1;
        private final TraceAllocations allocations = new TraceAllocations();

        Cursor(InputStream in) {
            this.in = in;
            this.reader = new TraceReader(in);
        }

        int advance() {
            try {
                while (reader.next()) {
                    if (read()) return pendingCpu;
                }
            } catch (IOException e) {
                throw unreadable(file, e);
            } catch (TraceException e) {
                throw failure(file, e);
            }
            close();
            return -1;
        }

        /** Loads the current line into {@link #pending}; false for a free of a failed allocation (a no-op). */
        private boolean read() throws TraceException {
            pendingCpu = reader.cpu();
            if (reader.invalidation() != null && reader.invalidation().lazy()) {
                throw new TraceException(reader.lineNo(), "a trace with invalidation=" + reader.invalidation().word()
                        + " runs with 'replay', not as a simulate workload", reader.text());
            }
            switch (reader.kind()) {
                case TraceReader.ALLOC -> {
                    pending.alloc(reader.size(), reader.limit(), !reader.noflush(), pendingCpu);
                    allocations.add(reader.size(), pendingCpu, 0);
                }
                case TraceReader.MAP -> {
                    pending.map(reader.size(), reader.limit(), pendingCpu, reader.device(), reader.deviceName(reader.device()));
                    allocations.add(reader.size(), pendingCpu, 0);
                }
                case TraceReader.FREE_REF -> {
                    int i = allocations.free(reader);
                    if (allocations.pfn(i) == 0) return false;
                    pending.free(allocations.pfn(i), allocations.size(i));
                }
                case TraceReader.FREE_PFN -> {
                    pending.free(reader.pfn(), reader.freeSize());
                    allocations.returned(reader.pfn());
                }
                case TraceReader.CPUDEAD -> pending.cpuDead();
                case TraceReader.RESERVE -> {
                    pendingCpu = 0;
                    pending.reserve(reader.lo(), reader.hi());
                }
                case TraceReader.CLOCK -> throw new TraceException(reader.lineNo(),
                        "clock lines (trace version 3) run with 'replay', not as a simulate workload", reader.text());
                default -> throw new IllegalStateException("unknown trace op " + reader.kind());
            }
            return true;
        }

        boolean take(int cpu, WorkOp op) {
            if (cpu != pendingCpu) return false;
            pendingCpu = -1;
            op.kind = pending.kind;
            op.size = pending.size;
            op.limit = pending.limit;
            op.device = pending.device;
            op.deviceName = pending.deviceName;
            op.flush = pending.flush;
            op.pfn = pending.pfn;
            op.freeCpu = cpu;
            op.gapNanos = 0;
            op.chained = false;
            return true;
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
