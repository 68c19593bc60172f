package dev.iovasim.bench.cost;

import dev.iovasim.allocator.CpuCaches;
import dev.iovasim.allocator.IovaDomain;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.SizeClass;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost model's unit operations on this JVM, in ns each: a tree node visited by the kernel's
 * linear walk ({@code --search linear}), a magazine push plus pop, and a lock taken alternately by
 * two threads (each acquisition a hand-off). Run: {@code java -jar benchmarks/target/benchmarks.jar UnitCostBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UnitCostBench {
    /** Pinned 1-page ranges between 1-page holes: a 2-page request walks past every one of them. */
    static final int PINNED = 20_000;

    @State(Scope.Thread)
    public static class FragmentedTree {
        IovaDomain domain;
        long limit;

        /** A fresh tree each time: the walk's allocation moves the cached node, so it is measured once per tree. */
        @Setup(Level.Invocation)
        public void build() {
            domain = new IovaDomain(Policy.Search.MODERN, false, 4096, 1);
            limit = domain.dma32Pfn() - 1;
            long[] pfns = new long[2 * PINNED];
            for (int i = 0; i < pfns.length; i++) pfns[i] = domain.alloc(1, limit);
            for (int i = 0; i < pfns.length; i += 2) domain.free(pfns[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PINNED)
    public long treeNodeVisited(FragmentedTree t) {
        long before = t.domain.nodesVisited();
        long pfn = t.domain.alloc(2, t.limit);
        long visited = t.domain.nodesVisited() - before;
        if (visited < PINNED / 2) throw new IllegalStateException("the walk visited only " + visited + " nodes");
        return pfn;
    }

    @State(Scope.Thread)
    public static class OneMagazine {
        final CpuCaches m = new CpuCaches(127, SizeClass.CACHED_CLASSES);
        long pfn = 4096;
    }

    /** One push and one pop of the CPU's loaded magazine, as a free then a map that hits. */
    @Benchmark
    public long magazinePushPop(OneMagazine s) {
        s.m.tryPush(0, s.pfn++);
        return s.m.pop(0, 1, Long.MAX_VALUE, false);
    }

    @State(Scope.Group)
    public static class SharedLock {
        final ReentrantLock lock = new ReentrantLock();
        volatile int turn;
        long counter;
    }

    /** Two threads take turns at one lock: each acquisition follows the other thread's (a hand-off). */
    @Benchmark
    @Group("lockHandoff")
    @GroupThreads(1)
    public long handoffA(SharedLock s) {
        return takeTurn(s, 0);
    }

    @Benchmark
    @Group("lockHandoff")
    @GroupThreads(1)
    public long handoffB(SharedLock s) {
        return takeTurn(s, 1);
    }

    private static long takeTurn(SharedLock s, int me) {
        // spin for our turn a bounded while, so that the end of an iteration cannot hang the other thread
        for (int spins = 0; s.turn != me && spins < 100_000; spins++) {
            Thread.onSpinWait();
        }
        s.lock.lock();
        try {
            s.counter++;
            s.turn = 1 - me;
            return s.counter;
        } finally {
            s.lock.unlock();
        }
    }
}
