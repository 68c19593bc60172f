package dev.iovasim.allocator.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Traces whose literal frees put a pfn no range holds into a CPU magazine, each with the line on
 * which it goes back to the tree (iova_magazine_free_pfns). The lines and the pfns before them
 * were checked against userspace builds of the v4.14, v4.15 and v6.1 iova.c: v4.14 and v4.15 stop
 * on BUG_ON at that line, v6.1 warns there once. Shared with the actor engine's tests.
 */
public final class CachedPfnTraces {
    /** A trace and where its first cached pfn that no range holds reaches the tree. */
    public record Case(String name, String text, long line, long pfn) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Pfn 1048575 freed twice; the size-4 allocation on line 6 fails, flushes, and finds it the second time. */
    public static final Case DOUBLE_FREE_THEN_FLUSH = new Case("double free, then a flush", """
            # a double free of a cached size, then an allocation whose failure flushes
            domain cpus=2 start_pfn=1048572
            alloc 0 1 1048575
            free 0 1048575 1
            free 0 1048575 1
            alloc 1 4 1048575
            alloc 1 1 1048575
            """, 6, 1048575);

    /** CPU 1 caches a valid pfn and one never allocated; it goes offline on line 8. */
    public static final Case NEVER_ALLOCATED_THEN_UNPLUG = new Case("never allocated, then cpudead", """
            # a free of a never-allocated pfn, then the CPU goes offline
            domain cpus=2
            alloc 0 1 1048575
            alloc 1 2 1048575
            free 1 @2
            free 1 5000 2
            alloc 0 1 1048575
            cpudead 1
            alloc 0 2 1048575
            """, 8, 5000);

    /** The kernel's pfns of {@link #DOUBLE_FREE_THEN_FLUSH} under v6.1 (and before the BUG under v4.14/v4.15: the first). */
    public static final List<String> DOUBLE_FREE_THEN_FLUSH_OUT = List.of("1048575", "1048572", "0",
            "# allocs 3 failed 1 rcache_hits 0 flushes 2 flushed_pfns 1");

    private CachedPfnTraces() {
    }

    /**
     * A depot overflow with magazines of {@code m} pfns: 35m allocations on one CPU, then their frees
     * with a never-allocated pfn 7 as the (34m)-th; the (34m+1)-th free finds loaded, prev and the
     * 32-magazine depot full, and the full loaded magazine, 7 among its pfns, goes to the tree.
     */
    public static Case depotOverflow(int m) {
        List<String> lines = new ArrayList<>(List.of("# depot overflow, magazines of " + m, "domain cpus=1"));
        int n = 35 * m;
        for (int i = 0; i < n; i++) lines.add("alloc 0 1 4503599627370495");
        long overflowLine = 0;
        int next = 1;
        for (int k = 1; k <= n; k++) {
            lines.add(k == 34 * m ? "free 0 7 1" : "free 0 @" + next++);
            if (k == 34 * m + 1) overflowLine = lines.size();
        }
        lines.add("alloc 0 1 4503599627370495");
        return new Case("depot overflow, magazines of " + m, String.join("\n", lines) + "\n", overflowLine, 7);
    }

    /**
     * Lazy invalidation with magazines of 2 on one CPU: 72 frees of pfns never allocated wait in the
     * flush queue until the clock line 77 passes the queue's 10 ms timer, whose frees on the CPU
     * overflow the 32-magazine depot. (The kernel builds here have no flush queue.)
     */
    public static Case lazyTimer() {
        StringBuilder t = new StringBuilder("domain cpus=1 invalidation=lazy\nalloc 0 1 1048575\n");
        for (int i = 0; i < 72; i++) t.append("free 0 ").append(100 + i).append(" 1\n");
        t.append("clock 5000000\nalloc 0 1 1048575\nclock 20000000\nalloc 0 1 1048575\n");
        return new Case("lazy, the flush queue's timer", t.toString(), 77, 166);
    }

    /**
     * 6.7's depot trim with magazines of 2 on one CPU: seven frees of pfns never allocated leave two
     * magazines in the depot, one more than the CPUs; the clock line 12 passes the trim's 100 ms and
     * the newest goes to the tree. (No kernel build here runs the trim on a clock.)
     */
    public static final Case TRIM = new Case("6.7 depot trim", """
            domain cpus=1
            alloc 0 1 1048575
            free 0 100 1
            free 0 101 1
            free 0 102 1
            free 0 103 1
            free 0 104 1
            free 0 105 1
            free 0 106 1
            clock 50000000
            alloc 0 1 1048575
            clock 200000000
            alloc 0 1 1048575
            """, 12, 104);
}
