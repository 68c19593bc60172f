package dev.iovasim.allocator;

import java.util.BitSet;
import java.util.function.Consumer;

/**
 * The conservation check: every allocated range is in exactly one place (held by its caller or
 * waiting in a flush queue, in a CPU magazine, or in the depot), and the tree holds exactly those ranges plus reserved ones
 * and the anchor. A pfn found twice was handed out twice; a tree range nobody holds leaked; a
 * held pfn the tree does not know was lost.
 */
public final class Conservation {
    private final IovaDomain domain;
    private final BitSet seen = new BitSet();
    private String problem;
    private long ranges;

    private Conservation(IovaDomain domain) {
        this.domain = domain;
    }

    /** What the caller side holds, as pfns. */
    @FunctionalInterface
    public interface Holdings {
        void forEachHeld(PfnSink sink);
    }

    /** The outcome: {@code ok} with the number of live ranges, or the first problem found. */
    public record Result(boolean ok, long liveRanges, String problem) {
    }

    public static Result check(IovaAllocator allocator, Holdings held) {
        FlushQueue fq = allocator.flushQueue();
        // an IOVA waiting in a flush queue is still allocated in the tree: it is the queue's
        Holdings all = fq == null ? held : sink -> {
            held.forEachHeld(sink);
            fq.forEachQueued(sink);
        };
        return check(allocator.domain(), all, sink -> {
            for (int cpu = 0; cpu < allocator.config().cpus(); cpu++) {
                CpuCaches c = allocator.caches(cpu);
                for (int cls = 0; cls < c.classes(); cls++) {
                    sink.accept(new Place("cpu " + cpu + " class " + cls + " loaded", Magazine.of(c.magazineSize(), c.loaded(cls))));
                    sink.accept(new Place("cpu " + cpu + " class " + cls + " prev", Magazine.of(c.magazineSize(), c.prev(cls))));
                }
            }
            for (int cls = 0; cls < allocator.policy().rcacheClasses(); cls++) {
                Depot d = allocator.depot(cls);
                for (int i = 0; i < d.size(); i++) sink.accept(new Place("depot class " + cls + " #" + i, d.get(i)));
            }
        });
    }

    /** A magazine and where it sits, for messages. */
    public record Place(String where, Magazine magazine) {
    }

    /** The check over any arrangement of magazines (the actor engine's are spread over actors). */
    public static Result check(IovaDomain domain, Holdings held, Consumer<Consumer<Place>> magazines) {
        Result whenWell = matchInOrder(domain, held, magazines);
        return whenWell != null ? whenWell : claimOneByOne(domain, held, magazines);
    }

    /**
     * The check when all is well, with no lookup per claimed pfn (a cache miss each in a tree of
     * 10^5 ranges): the claimed pfns, sorted, are exactly the first pfns of the tree's unreserved
     * ranges, which {@link IovaTree#verifiedAllocatedLos} lists in address order. Then every range
     * is held once and nothing else is held. Null when they differ or the tree is inconsistent:
     * {@link #claimOneByOne} then finds and names the first problem (or accepts a pfn held inside
     * a range rather than at its start).
     */
    private static Result matchInOrder(IovaDomain domain, Holdings held, Consumer<Consumer<Place>> magazines) {
        long[] los;
        try {
            los = domain.tree().verifiedAllocatedLos();
        } catch (IllegalStateException e) {
            return null;
        }
        ClaimedPfns claims = new ClaimedPfns(los.length);
        held.forEachHeld(claims);
        magazines.accept(place -> {
            Magazine m = place.magazine();
            for (int i = 0; i < m.size(); i++) claims.accept(m.get(i));
        });
        return claims.sameAs(los) ? new Result(true, los.length, null) : null;
    }

    /** Each claimed pfn looked up in the tree, in the order claimed: the first problem is named. */
    private static Result claimOneByOne(IovaDomain domain, Holdings held, Consumer<Consumer<Place>> magazines) {
        Conservation c = new Conservation(domain);
        try {
            domain.tree().verify();
        } catch (IllegalStateException e) {
            return new Result(false, 0, "tree is inconsistent: " + e.getMessage());
        }
        held.forEachHeld(pfn -> c.claim(pfn, "held by its caller"));
        magazines.accept(place -> {
            Magazine m = place.magazine();
            String where = "in " + place.where(); // once per magazine, not per pfn
            for (int i = 0; i < m.size(); i++) c.claim(m.get(i), where);
        });
        if (c.problem != null) return new Result(false, c.ranges, c.problem);
        IovaTree t = domain.tree();
        // every live node claimed or reserved: counted over the node ids (a sequential read), so
        // the walk in address order, a cache miss per node, runs only to name the lowest leak
        if (c.ranges + t.reservedCount() == t.size()) return new Result(true, c.ranges, null);
        for (int n = t.first(); n != IovaTree.NIL; n = t.next(n)) {
            if (!c.seen.get(n) && !t.isReserved(n)) {
                return new Result(false, c.ranges, "range [" + Long.toUnsignedString(t.lo(n)) + ", "
                        + Long.toUnsignedString(t.hi(n)) + "] is allocated in the tree but nobody holds it (leaked)");
            }
        }
        return new Result(false, c.ranges, "tree is inconsistent: " + t.size() + " nodes, " + t.reservedCount()
                + " of them reserved, but " + c.ranges + " held and no range unheld");
    }

    private void claim(long pfn, String where) {
        if (problem != null) return;
        int n = domain.tree().findContaining(pfn);
        if (n == IovaTree.NIL) {
            problem = "pfn " + Long.toUnsignedString(pfn) + " " + where + " is not in the tree (lost or never allocated)";
        } else if (domain.tree().isReserved(n)) {
            problem = "pfn " + Long.toUnsignedString(pfn) + " " + where + " lies in a reserved range";
        } else if (seen.get(n)) {
            problem = "pfn " + Long.toUnsignedString(pfn) + " " + where + " is also somewhere else (handed out twice)";
        } else {
            seen.set(n);
            ranges++;
        }
    }
}
