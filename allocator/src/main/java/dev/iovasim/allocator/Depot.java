package dev.iovasim.allocator;

import java.util.Arrays;

/**
 * The depot of full magazines of one size class: an array of at most {@code limit} magazines
 * (before 6.7) or an unbounded stack (6.7+). Gets and trims take the newest; a flush drains it
 * in the order the policy's kernel did.
 */
public final class Depot {
    private final int limit;
    private final boolean drainNewestFirst;
    private Magazine[] mags = new Magazine[8];
    private int size;

    public Depot(int limit, boolean drainNewestFirst) {
        this.limit = limit;
        this.drainNewestFirst = drainNewestFirst;
    }

    public static Depot forPolicy(Policy policy) {
        return new Depot(policy.depotLimit(), policy.depotFlushNewestFirst());
    }

    public int size() {
        return size;
    }

    /** Adds a full magazine; false if the depot is bounded and full (the caller frees its pfns). */
    public boolean push(Magazine mag) {
        if (limit != Policy.UNBOUNDED && size >= limit) return false;
        if (size == mags.length) mags = Arrays.copyOf(mags, size * 2);
        mags[size++] = mag;
        return true;
    }

    /** The most recently added magazine, or null. */
    public Magazine pop() {
        if (size == 0) return null;
        Magazine m = mags[--size];
        mags[size] = null;
        return m;
    }

    /** The magazine a flush frees {@code i}-th, 0-based, before {@link #clear}. */
    public Magazine drainOrder(int i) {
        return drainNewestFirst ? mags[size - 1 - i] : mags[i];
    }

    /** A flush's share: every pfn in drain order (magazine by magazine, index order), then empty. */
    public void drainTo(PfnSink sink) {
        for (int i = 0; i < size; i++) {
            Magazine m = drainOrder(i);
            for (int k = 0; k < m.size(); k++) sink.accept(m.get(k));
        }
        Arrays.fill(mags, 0, size, null);
        size = 0;
    }

    public int cachedPfns() {
        int n = 0;
        for (int i = 0; i < size; i++) n += mags[i].size();
        return n;
    }

    public Magazine get(int i) {
        return mags[i];
    }
}
