package dev.iovasim.allocator.trace;

/**
 * Traces on which a userspace harness of v6.7's iova.c and dma-iommu.c flush queue (simulated
 * clock) found iovasim apart from the kernel: equal due times, online CPUs, a dead CPU's pending
 * timer. {@link KernelTimersTest} holds the kernel's outputs; the actor engine's test replays them too.
 */
public final class KernelTimerTraces {
    private KernelTimerTraces() {
    }

    /**
     * CPU 0 of 1 fills its queue and depot at t=0 (one full-ring flush; the trim armed for 100 ms);
     * the 10 ms timer fires; one free at 90 ms arms it for 100 ms, when the trim is due too.
     */
    public static String tie() {
        StringBuilder b = new StringBuilder("domain cpus=1 invalidation=lazy\n");
        b.append("alloc 0 1 1048575\n".repeat(509));
        for (int i = 1; i <= 508; i++) b.append("free 0 @").append(i).append('\n');
        b.append("clock 90000000\nfree 0 @509\nclock 100000000\n");
        return b.append("alloc 0 1 1048575 noflush\n".repeat(400)).toString();
    }

    /** CPU 1 of 2 dead; CPU 0 pushes two magazines onto the depot; 200 ms later 400 allocations. */
    public static String online() {
        StringBuilder b = new StringBuilder("domain cpus=2\ncpudead 1\n");
        b.append("alloc 0 1 1048575\n".repeat(509));
        for (int i = 1; i <= 508; i++) b.append("free 0 @").append(i).append('\n');
        return b.append("clock 200000000\n").append("alloc 0 1 1048575 noflush\n".repeat(400)).toString();
    }

    /** CPU 1 queues a free, arming the timer, and dies; the clock passes the timer's due time. */
    public static String deadTimer(String mode, long clock) {
        return "domain cpus=2 start_pfn=1048575 invalidation=" + mode + "\nalloc 1 1 1048575\nfree 1 @1\ncpudead 1\n"
                + "clock " + clock + "\nalloc 0 1 1048575\n";
    }
}
