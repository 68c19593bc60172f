package dev.iovasim.allocator;

import java.util.Arrays;

/**
 * The DMA layer's rule for the 32-bit (SAC) attempt of a map ({@code iommu_dma_alloc_iova} in
 * {@code drivers/iommu/dma-iommu.c}), with the per-device flag it keeps since v6.4. Both engines
 * ask this class, and nothing else decides, whether a map tries 32 bits first:
 * <ul>
 *   <li>{@link Policy.SacRule#ALWAYS} (up to v6.3): every map whose limit is above 32 bits tries a
 *       32-bit address without flush, then its own limit with flush;</li>
 *   <li>{@link Policy.SacRule#STICKY} (the {@code linux-6.4} preset; commit 791c2b17fb40 "iommu: Optimise PCI SAC address trick", Robin Murphy): each
 *       device starts with {@code pci_32bit_workaround} set; the first failed 32-bit attempt clears
 *       it for good, and from then on that device's maps go straight to their own limit;</li>
 *   <li>{@link Policy#forceDac} ({@code iommu.forcedac=1}): no map tries 32 bits.</li>
 * </ul>
 *
 * <p>Devices are small integers: {@link #DEFAULT_DEVICE} for maps that name none, then the
 * workload's or trace's devices in order of first appearance.
 *
 * <p>Who owns an instance: the reference engine's {@link IovaAllocator} owns one. In the actor
 * engine, a lock-step replay's driver owns the one instance and tells each map whether to try
 * SAC (so replay gives the reference engine's pfns on one JVM or many); a free-running CPU actor
 * owns a view of its own and tells its peers when it clears a flag, the way the kernel's plain
 * per-device field is read by every CPU without a lock and written by whichever fails first.
 * Counters go to the owner's {@link AllocStats}.
 */
public final class DmaLayer {
    public static final int DEFAULT_DEVICE = 0;

    private final Policy policy;
    private final long sacLimit;
    private final AllocStats stats;
    /** {@code !pci_32bit_workaround} per device: the device has given up on 32-bit addresses. */
    private boolean[] switched = new boolean[4];

    /**
     * @param dma32Pfn the domain's first pfn at or above 4 GiB
     * @param stats    where the SAC counters go
     */
    public DmaLayer(Policy policy, long dma32Pfn, AllocStats stats) {
        this.policy = policy;
        this.sacLimit = dma32Pfn - 1;
        this.stats = stats;
    }

    /**
     * The limit of the 32-bit attempt a map on {@code device} with {@code limit} makes first, or
     * 0 when it makes none; counts the attempt.
     */
    public long sacAttempt(int device, long limit) {
        if (Long.compareUnsigned(limit, sacLimit) <= 0 || policy.forceDac()) return 0;
        if (policy.sac() == Policy.SacRule.STICKY && isSwitched(device)) return 0;
        stats.inc(Counter.SAC_ATTEMPTS);
        return sacLimit;
    }

    /**
     * The 32-bit attempt of a map on {@code device} failed. Under the sticky rule the device
     * stops trying; returns true if this call cleared its flag (the caller may tell others).
     */
    public boolean sacFailed(int device) {
        stats.inc(Counter.SAC_FAILURES);
        if (policy.sac() != Policy.SacRule.STICKY || isSwitched(device)) return false;
        markSwitched(device);
        stats.inc(Counter.DEVICES_SWITCHED);
        return true;
    }

    /** The device no longer tries 32 bits first ({@code pci_32bit_workaround} is clear). */
    public boolean isSwitched(int device) {
        return device < switched.length && switched[device];
    }

    /** Clears {@code device}'s flag, uncounted: {@link #sacFailed}'s step, and how this view follows another owner that cleared it. */
    public void markSwitched(int device) {
        if (device < 0) throw new IllegalArgumentException("device id " + device + " is negative");
        if (device >= switched.length) switched = Arrays.copyOf(switched, Math.max(device + 1, switched.length * 2));
        switched[device] = true;
    }
}
