package dev.iovasim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A run's CPU ranges per cpu node, and the waits that end when a node is lost. */
class HostRangesTest {
    @Test
    void contiguousRangesInHostOrder() {
        HostRanges r = new HostRanges(3, 10);
        assertEquals(0, r.first(0));
        assertEquals(3, r.count(0));
        assertEquals(3, r.first(1));
        assertEquals(3, r.count(1));
        assertEquals(6, r.first(2));
        assertEquals(4, r.count(2));
    }

    @Test
    void aLostHostsCpusAndTheirWaits() {
        HostRanges r = new HostRanges(3, 10);
        CompletableFuture<Void> cpu4 = r.gone(4);
        assertTrue(r.markLost(1));
        assertFalse(r.markLost(1), "a host is lost once");
        assertTrue(r.lost(1));
        assertFalse(r.lost(0));
        assertArrayEquals(new int[] {3, 4, 5}, r.lostCpus());
        assertFalse(cpu4.isDone(), "the waits end only once the run's actors were told");
        r.signalLost(1);
        assertTrue(cpu4.isDone());
        assertTrue(r.gone(3).isDone());
        assertFalse(r.gone(6).isDone());
        assertFalse(r.gone(2).isDone());
    }

    @Test
    void aHostWithoutCpusIsNeverLost() {
        HostRanges r = new HostRanges(3, 2);
        assertEquals(0, r.count(0));
        assertFalse(r.markLost(0));
        assertEquals(0, r.lostCpus().length);
        assertFalse(r.gone(0).isDone());
        assertTrue(r.markLost(2));
        r.signalLost(2);
        assertTrue(r.gone(1).isDone(), "cpu 1 is the last host's");
    }
}
