package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.BIG;
import static dev.iovasim.allocator.TestDomains.D;
import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * §13 v4.15: its cached32 removal rule lacks "F is cached32", so freeing cached32 when it lies
 * above 4 GiB leaves a pointer to freed memory. {@link IovaDomain#kernelEvent} must report
 * exactly that moment, and nothing else.
 */
class StaleCachedNodeTest {
    private static final long TOP = BIG + 1;

    /** A = D-64 is freed, cached32 moves up to X = TOP-64; freeing X is the use-after-free. */
    @Test
    void firesWhenV415FreesCached32Above4GiB() {
        IovaDomain d = cached32MovedAbove4GiB(Policy.LINUX_4_15);
        assertNull(stale(d), "moving cached32 up is fine");
        d.free(TOP - 64);
        assertEquals(stale(TOP - 64, TOP - 1), stale(d));
        assertEquals(d.anchor(), d.cached32Node(), "the model applies the later fix");
    }

    /** Later kernels have the rule: nothing to report. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.iovasim.allocator.TestDomains#modern")
    void silentWhenTheKernelHasTheFix(Policy p) {
        IovaDomain d = cached32MovedAbove4GiB(p);
        d.free(TOP - 64);
        assertNull(stale(d));
    }

    /** v4.15 freeing cached32 below 4 GiB is covered by its "hi < D and lo >= cached32.lo" test. */
    @Test
    void silentWhenCached32IsBelow4GiB() {
        IovaAllocator a = allocator(Policy.LINUX_4_15);
        a.alloc(0, 64, SAC, true);
        a.alloc(0, 64, SAC, true);
        a.free(0, D - 128, 64);
        a.free(0, D - 64, 64);
        assertNull(stale(a.domain()));
    }

    /** Freeing a node above 4 GiB that is not cached32 is harmless in v4.15. */
    @Test
    void silentWhenTheFreedNodeIsNotCached32() {
        IovaAllocator a = allocator(Policy.LINUX_4_15);
        a.alloc(0, 64, BIG, true);
        a.alloc(0, 64, SAC, true);
        a.free(0, TOP - 64, 64);
        assertNull(stale(a.domain()));
    }

    /** The first event is kept. */
    @Test
    void keepsTheFirstEvent() {
        IovaAllocator a = allocator(Policy.LINUX_4_15);
        a.alloc(0, 64, SAC, true);
        a.alloc(0, 64, BIG, true);
        a.alloc(0, 64, BIG, true);
        a.free(0, D - 64, 64);
        a.free(0, TOP - 128, 64);
        assertEquals(stale(TOP - 128, TOP - 65), stale(a.domain()));
        a.alloc(0, 64, SAC, true);
        a.free(0, D - 64, 64);
        a.free(0, TOP - 64, 64);
        assertEquals(stale(TOP - 128, TOP - 65), stale(a.domain()));
    }

    private static IovaDomain.KernelEvent stale(IovaDomain d) {
        return d.kernelEvent(IovaDomain.KernelEvent.Kind.STALE_CACHED32);
    }

    private static IovaDomain.KernelEvent stale(long lo, long hi) {
        return new IovaDomain.KernelEvent(IovaDomain.KernelEvent.Kind.STALE_CACHED32, lo, hi);
    }

    private static IovaDomain cached32MovedAbove4GiB(Policy p) {
        IovaAllocator a = allocator(p);
        a.alloc(0, 64, SAC, true);
        a.alloc(0, 64, BIG, true);
        a.free(0, D - 64, 64);
        assertEquals(TOP - 64, a.domain().tree().lo(a.domain().cached32Node()));
        return a.domain();
    }
}
