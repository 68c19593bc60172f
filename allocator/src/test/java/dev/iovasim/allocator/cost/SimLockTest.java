package dev.iovasim.allocator.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimLockTest {
    @Test
    void aCpuArrivingWhileTheLockIsHeldWaitsForItAndPaysTheHandOff() {
        SimLock lock = new SimLock(20, 100);
        assertEquals(20 + 500, lock.hold(0, 1000, 500));
        // cpu 1 arrives at 1100, the lock is free at 1520: it waits 420, then takes it from cpu 0
        assertEquals(420 + 20 + 100 + 50, lock.hold(1, 1100, 50));
        assertEquals(1, lock.handoffs());
        assertEquals(420, lock.waitedNs());
        // the same cpu again, after the lock is free: no wait, no hand-off
        assertEquals(20 + 10, lock.hold(1, 10_000, 10));
        assertEquals(1, lock.handoffs());
        assertEquals(3, lock.acquisitions());
    }
}
