package dev.iovasim.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.AllocStats;
import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.Policy;
import org.junit.jupiter.api.Test;

/**
 * Free-running, the v6.4 sticky SAC rule of {@code iommu_dma_alloc_iova}: every CPU actor keeps a
 * view of the device flag and tells its peers when its own failed SAC attempt clears it. As in the
 * kernel, whose flag is read without a lock, a few CPUs may fail before they hear; but a CPU never
 * fails twice, since its own failure clears its view.
 */
class StickySacActorTest {
    private static final int CPUS = 8;
    private static final long OPS = 4000;

    private static AllocStats run(Policy policy) {
        ChurnWorkload w = new ChurnWorkload(30, 256);
        ActorRunResult r = FreeRun.run(policy, w.domain(CPUS), w, CPUS, OPS, 42, null, null, EngineSettings.defaults(),
                done -> { }, FreeRun.Live.NONE);
        assertTrue(r.conservation().ok(), () -> r.conservation().problem());
        assertEquals(0, r.errors(), () -> "errors: " + r.firstError());
        return r.stats();
    }

    @Test
    void v64DefaultDeviceSwitchesOnceSeenByEveryCpu() {
        AllocStats s = run(Policy.LINUX_6_4);
        assertTrue(s.get(Counter.DEVICES_SWITCHED) >= 1 && s.get(Counter.DEVICES_SWITCHED) <= CPUS, "switched " + s.get(Counter.DEVICES_SWITCHED));
        assertTrue(s.get(Counter.SAC_FAILURES) >= s.get(Counter.DEVICES_SWITCHED) && s.get(Counter.SAC_FAILURES) <= CPUS, "failures " + s.get(Counter.SAC_FAILURES));
        assertTrue(s.get(Counter.SAC_ATTEMPTS) < s.get(Counter.ALLOCS), "attempts " + s.get(Counter.SAC_ATTEMPTS) + " of " + s.get(Counter.ALLOCS) + " maps");
    }

    @Test
    void v63KeepsTryingOnEveryMap() {
        AllocStats s = run(Policy.LINUX_6_3);
        assertEquals(0, s.get(Counter.DEVICES_SWITCHED));
        assertTrue(s.get(Counter.SAC_FAILURES) > CPUS, "failures " + s.get(Counter.SAC_FAILURES));
    }
}
