package dev.iovasim.allocator;

/**
 * iova_cpu_rcache: one CPU's {@code loaded} and {@code prev} magazines for one size class.
 * Only the owning CPU touches it, except a flush or a CPU unplug, which empties both.
 */
public final class CpuRcache {
    private Magazine loaded;
    private Magazine prev;

    public CpuRcache(int magazineSize) {
        loaded = new Magazine(magazineSize);
        prev = new Magazine(magazineSize);
    }

    public Magazine loaded() {
        return loaded;
    }

    public Magazine prev() {
        return prev;
    }

    /**
     * The first step of a get: make {@code loaded} non-empty if this CPU can. Returns false when
     * both magazines are empty and only the depot could help.
     */
    public boolean readyLoaded() {
        if (!loaded.isEmpty()) return true;
        if (!prev.isEmpty()) {
            swap();
            return true;
        }
        return false;
    }

    /** Replaces the empty {@code loaded} with a full magazine from the depot; returns the empty one. */
    public Magazine loadFromDepot(Magazine full) {
        Magazine empty = loaded;
        loaded = full;
        return empty;
    }

    /**
     * The cheap half of an insert: append to {@code loaded}, or exchange with a non-full
     * {@code prev} and append there. Returns false when both are full.
     */
    public boolean tryPush(long pfn) {
        if (!loaded.isFull()) {
            loaded.push(pfn);
            return true;
        }
        if (!prev.isFull()) {
            swap();
            loaded.push(pfn);
            return true;
        }
        return false;
    }

    /**
     * Both magazines are full: {@code fresh} becomes {@code loaded} and takes {@code pfn}; the
     * old full {@code loaded} is returned for the depot (or, if the depot refuses it, the tree).
     */
    public Magazine pushIntoFresh(Magazine fresh, long pfn) {
        Magazine full = loaded;
        loaded = fresh;
        loaded.push(pfn);
        return full;
    }

    public int cachedPfns() {
        return loaded.size() + prev.size();
    }

    private void swap() {
        Magazine t = loaded;
        loaded = prev;
        prev = t;
    }
}
