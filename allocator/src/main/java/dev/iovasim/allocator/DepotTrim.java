package dev.iovasim.allocator;

import java.util.Arrays;

/**
 * 6.7's delayed depot trim, one job per size class, on a clock its owner moves. A push onto a
 * class's depot arms the job unless it is armed already (a pending delayed work is not pushed
 * back). A job that falls due while its depot holds more magazines than there are CPUs takes the
 * newest one for the tree and arms itself one delay after its own due time, so a burst shrinks by
 * one magazine per delay however late the clock is moved.
 */
public final class DepotTrim {
    private static final long DELAY_NANOS = Policy.TRIM_DELAY_MS * 1_000_000L;

    /** Where a trimmed magazine goes; it is the sink's to free. */
    public interface Sink {
        void trimmed(int sizeClass, Magazine magazine);
    }

    private final long[] dueNanos = new long[SizeClass.MAX_CACHED_CLASSES];
    private long nowNanos;
    /** {@link #nextDue()}, kept so that a clock move with nothing due (nearly every one) costs one comparison. */
    private long earliestDue = Long.MAX_VALUE;

    public DepotTrim() {
        Arrays.fill(dueNanos, -1);
    }

    /** A full magazine went onto {@code sizeClass}'s depot now. */
    public void pushed(int sizeClass) {
        if (dueNanos[sizeClass] < 0) {
            dueNanos[sizeClass] = nowNanos + DELAY_NANOS;
            earliestDue = Math.min(earliestDue, dueNanos[sizeClass]);
        }
    }

    /**
     * Moves the clock to {@code now} (a clock read behind the last one leaves it where it is) and
     * runs every job that fell due, in due order within a class.
     *
     * @param dueAtNow run the jobs due at {@code now} too; false leaves them for a later call, after
     *                 the flush-queue timer due at the same time ({@link FlushQueueTimer#advance})
     * @param cpus     the online CPUs: a depot trims down to this many magazines
     */
    public void advance(long now, boolean dueAtNow, Depot[] depots, int cpus, Sink sink) {
        long last = dueAtNow ? now : now - 1;
        if (last < earliestDue) {
            nowNanos = Math.max(nowNanos, now);
            return;
        }
        for (int cls = 0; cls < dueNanos.length; cls++) {
            while (dueNanos[cls] >= 0 && dueNanos[cls] <= last) {
                long due = dueNanos[cls];
                dueNanos[cls] = -1;
                if (depots[cls].size() > cpus) {
                    sink.trimmed(cls, depots[cls].pop());
                    dueNanos[cls] = due + DELAY_NANOS;
                }
            }
        }
        nowNanos = Math.max(nowNanos, now);
        earliestDue = nextDue();
    }

    /** The earliest armed job's due time, or {@link Long#MAX_VALUE} when none is armed. */
    public long nextDue() {
        long due = Long.MAX_VALUE;
        for (long d : dueNanos) {
            if (d >= 0) due = Math.min(due, d);
        }
        return due;
    }
}
