package dev.iovasim.allocator;

import static dev.iovasim.allocator.TestDomains.SAC;
import static dev.iovasim.allocator.TestDomains.allocN;
import static dev.iovasim.allocator.TestDomains.allocator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Lazy invalidation, after the kernel's flush queue: queue_iova, fq_ring_free, fq_flush_iotlb
 * (iova_domain_flush before v5.17) and fq_flush_timeout, in drivers/iommu/iova.c v4.14 - v5.16 and
 * drivers/iommu/dma-iommu.c v5.17+ (IOVA_FQ_SIZE 256, IOVA_FQ_TIMEOUT 10 ms; from 2023 also the
 * single queue, IOVA_SINGLE_FQ_SIZE 32768, IOVA_SINGLE_FQ_TIMEOUT 1000 ms).
 */
class FlushQueueTest {
    private static final Policy LAZY = PolicySwitches.apply(Policy.LINUX_6_1, "invalidation=lazy");
    private static final long MS = 1_000_000L;

    private static IovaAllocator lazy(int cpus) {
        return allocator(LAZY, cpus, 1);
    }

    /** queue_iova: an unmapped IOVA is not reusable until a flush; a strict unmap's is at once. */
    @Test
    void queue_iova_keepsTheIovaFromReuseUntilAFlush() {
        IovaAllocator strict = allocator(Policy.LINUX_6_1);
        long p = strict.alloc(0, 1, SAC, true);
        strict.unmap(0, p, 1);
        assertEquals(p, strict.alloc(0, 1, SAC, true), "strict: the freed IOVA is in the magazine at once");

        IovaAllocator a = lazy(1);
        long q = a.alloc(0, 1, SAC, true);
        a.unmap(0, q, 1);
        assertEquals(1, a.flushQueue().queued());
        long r = a.alloc(0, 1, SAC, true);
        assertTrue(r != q, "lazy: the queued IOVA must not be handed out again before its flush");
        assertTrue(Conservation.check(a, sink -> sink.accept(r)).ok(), "a queued IOVA is accounted for");
    }

    /**
     * fq_full / queue_iova: a ring of IOVA_FQ_SIZE slots holds 255 entries; the 256th unmap finds it
     * full, flushes the IOTLB once and frees the 255 on the unmapping CPU, then queues itself.
     */
    @Test
    void queue_iova_fullQueueFlushesOnceAndFreesOnTheUnmappingCpu() {
        IovaAllocator a = lazy(2);
        long[] pfns = allocN(a, 256, 1, SAC);
        for (int i = 0; i < 255; i++) a.unmap(1, pfns[i], 1);
        assertEquals(0, a.stats().get(Counter.FQ_FLUSHES));
        assertEquals(255, a.flushQueue().queued());
        a.unmap(1, pfns[255], 1);
        assertEquals(1, a.stats().get(Counter.FQ_FLUSHES));
        assertEquals(1, a.stats().get(Counter.FQ_FULL_FLUSHES));
        assertEquals(255, a.stats().get(Counter.FQ_FREED));
        assertEquals(1, a.flushQueue().queued());
        assertEquals(255, a.caches(1).cachedPfns() + a.depot(0).cachedPfns(),
                "freed through free_iova_fast on CPU 1: its magazines, and the depot once they filled");
        assertEquals(0, a.caches(0).cachedPfns());
        assertEquals(1, a.stats().get(Counter.FQ_BATCHES));
        assertEquals(255, a.stats().get(Counter.FQ_MAX_BATCH));
    }

    /**
     * fq_ring_free with fq_flush_finish_cnt: a flush made by one CPU makes the other CPUs' older
     * entries safe, but they stay queued until their own CPU queues again (or the timer fires).
     */
    @Test
    void fq_ring_free_freesOtherCpusEntriesOnlyWhenTheyQueueAgain() {
        IovaAllocator a = lazy(2);
        long[] pfns = allocN(a, 258, 1, SAC);
        a.unmap(1, pfns[0], 1);
        for (int i = 1; i <= 256; i++) a.unmap(0, pfns[i], 1);
        assertEquals(1, a.stats().get(Counter.FQ_FLUSHES), "CPU 0's queue filled once");
        assertEquals(2, a.flushQueue().queued(), "CPU 1's entry and CPU 0's newest wait");
        a.unmap(1, pfns[257], 1);
        assertEquals(1, a.stats().get(Counter.FQ_FLUSHES), "no new flush: CPU 1's old entry was flushed by CPU 0's");
        assertEquals(1, a.caches(1).cachedPfns(), "its entry went into CPU 1's magazine");
        assertEquals(2, a.flushQueue().queued());
    }

    /**
     * fq_flush_timeout: the timer armed by the first queue_iova fires IOVA_FQ_TIMEOUT later (not
     * re-armed meanwhile), flushes once, and frees every CPU's queue on the CPU that armed it.
     */
    @Test
    void fq_flush_timeout_freesEveryQueueOnTheArmingCpuAfter10ms() {
        IovaAllocator a = lazy(3);
        long[] pfns = allocN(a, 3, 1, SAC);
        a.advanceClock(1 * MS);
        a.unmap(2, pfns[0], 1);
        a.advanceClock(6 * MS);
        a.unmap(0, pfns[1], 1);
        a.unmap(1, pfns[2], 1);
        a.advanceClock(11 * MS - 1);
        assertEquals(0, a.stats().get(Counter.FQ_FLUSHES), "not due before 10 ms after it was armed");
        a.advanceClock(20 * MS);
        assertEquals(1, a.stats().get(Counter.FQ_TIMER_FLUSHES));
        assertEquals(3, a.stats().get(Counter.FQ_FREED));
        assertEquals(3, a.caches(2).cachedPfns(), "all three freed on CPU 2, which armed the timer");
        assertEquals(0, a.caches(0).cachedPfns() + a.caches(1).cachedPfns());
        assertEquals(10 * MS, a.stats().get(Counter.FQ_MAX_WAIT_NANOS), "the first entry waited the whole timeout");
        assertEquals((10 + 5 + 5) * MS, a.stats().get(Counter.FQ_WAIT_NANOS), "the others waited 5 ms each");
        assertEquals(Long.MAX_VALUE, a.flushQueue().timer().timerDue(), "the timer is off until the next queue_iova");
    }

    /** The single queue (2023, IOMMU_DMA_OPTS_SINGLE_QUEUE): one ring for every CPU, 32767 entries, a 1 s timer. */
    @Test
    void singleQueueIsSharedAndWaitsOneSecond() {
        IovaAllocator a = allocator(PolicySwitches.apply(Policy.LINUX_6_7, "invalidation=lazy-single"), 4, 1);
        long[] pfns = allocN(a, 4, 1, SAC);
        for (int c = 0; c < 4; c++) a.unmap(c, pfns[c], 1);
        assertEquals(4, a.flushQueue().longestQueue());
        a.advanceClock(999 * MS);
        assertEquals(0, a.stats().get(Counter.FQ_FLUSHES));
        a.advanceClock(1000 * MS);
        assertEquals(1, a.stats().get(Counter.FQ_FLUSHES));
        assertEquals(4, a.caches(0).cachedPfns(), "freed on CPU 0, which armed the timer");
    }

    @Test
    void invalidationIsAPolicySwitchThatNamesItself() {
        assertEquals("linux-6.1+invalidation=lazy", LAZY.name());
        assertEquals(Invalidation.LAZY, Policy.byName("linux-6.1+invalidation=lazy").invalidation());
        assertEquals(Invalidation.STRICT, Policy.LINUX_6_7.invalidation(), "presets stay strict (see docs/kernel-versions.md)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySwitches.apply(Policy.LINUX_6_1, "invalidation=deferred"));
        assertTrue(e.getMessage().contains("strict|lazy|lazy-single"), e.getMessage());
    }
}
