package dev.iovasim.allocator.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.PolicySwitches;
import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.Replay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DMA layer's SAC rule as {@code iommu_dma_alloc_iova} (drivers/iommu/dma-iommu.c) has it:
 * before v6.4 (v6.3) every map above 32 bits tries a 32-bit address first; from v6.4 on, a device
 * tries until its first failed attempt clears {@code pci_32bit_workaround}, and never again.
 * Maps of 64 pages (uncached, so the rcache cannot answer) into a domain whose space under 4 GiB
 * is reserved but for one 64-pfn hole, [1048512, 1048575].
 */
class StickySacTest {
    /** A 40-bit device: its highest pfn. */
    static final long LIMIT = (1L << 28) - 1;
    static final long HOLE = 1048512;
    static final long TOP = LIMIT + 1 - 64;

    /** nic: SAC ok, SAC fails (switch), hole freed, maps again; nvme tries; the default device fails, then maps again. */
    static final String TRACE = """
            domain cpus=2
            reserve 1 1048511
            map 0 64 %1$d dev=nic
            map 1 64 %1$d dev=nic
            free 0 @1
            map 0 64 %1$d dev=nic
            map 1 64 %1$d dev=nvme
            map 0 64 %1$d
            free 1 @4
            map 1 64 %1$d
            """.formatted(LIMIT);

    static List<String> replay(String trace, Policy policy) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Replay(cfg -> AllocatorTarget.create(policy, cfg, true), w -> { }, 1)
                .run(new ByteArrayInputStream(trace.getBytes(StandardCharsets.US_ASCII)), out);
        return List.of(out.toString(StandardCharsets.US_ASCII).split("\n"));
    }

    static List<String> pfns(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("#")).toList();
    }

    static String dmaLine(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("# dma ")).findFirst().orElseThrow();
    }

    static List<String> of(long... pfns) {
        return java.util.Arrays.stream(pfns).mapToObj(Long::toString).toList();
    }

    @Test
    void v64DeviceStopsTryingAfterItsFirstSacFailureOthersStillTry() throws Exception {
        List<String> out = replay(TRACE, Policy.LINUX_6_4);
        assertEquals(of(HOLE, TOP,
                // nic gave up on 32 bits: the free hole is not even tried
                TOP - 64,
                // nvme's flag is still set: it gets the hole
                HOLE,
                // the default device tries, fails, and switches
                TOP - 128,
                // the hole is free again (@4 was nvme's), but the default device no longer tries
                TOP - 192), pfns(out));
        assertEquals("# dma sac_attempts 4 sac_failures 2 devices_switched 2", dmaLine(out));
    }

    @Test
    void v63EveryMapTriesSac() throws Exception {
        List<String> out = replay(TRACE, Policy.LINUX_6_3);
        // nic takes the hole back; nvme and the default device fail their SAC attempts; the last map
        // tries again, finds the hole held by nic, and reuses nvme's freed range
        assertEquals(of(HOLE, TOP, HOLE, TOP - 64, TOP - 128, TOP - 64), pfns(out));
        assertEquals("# dma sac_attempts 6 sac_failures 4 devices_switched 0", dmaLine(out));
        // linux-6.3 is linux-6.1 under another name, in iova.c and in the DMA layer
        assertEquals(out, replay(TRACE, Policy.LINUX_6_1));
    }

    @Test
    void v67IsStickyToo() throws Exception {
        assertEquals(pfns(replay(TRACE, Policy.LINUX_6_4)), pfns(replay(TRACE, Policy.LINUX_6_7)));
        assertEquals(pfns(replay(TRACE, Policy.LINUX_6_3)),
                pfns(replay(TRACE, PolicySwitches.apply(Policy.LINUX_6_7, "sac=always"))));
    }

    /** iommu.forcedac=1: pci_32bit_workaround starts cleared (v6.4+), or the v6.3 test skips SAC. */
    @Test
    void forcedacNeverTriesSac() throws Exception {
        for (Policy base : List.of(Policy.LINUX_6_3, Policy.LINUX_6_4)) {
            List<String> out = replay(TRACE, PolicySwitches.apply(base, "forcedac=on"));
            assertEquals(of(TOP, TOP - 64, TOP, TOP - 128, TOP - 192, TOP - 128), pfns(out), base.name());
            assertEquals("# dma sac_attempts 0 sac_failures 0 devices_switched 0", dmaLine(out), base.name());
        }
    }

    /** A map whose limit is within 32 bits makes no SAC attempt and so never switches its device. */
    @Test
    void mapWithin32BitsIsNoSacAttempt() throws Exception {
        String trace = "domain cpus=1\nreserve 1 1048511\nmap 0 64 1048575\nmap 0 64 1048575\nmap 0 64 " + LIMIT + "\n";
        List<String> out = replay(trace, Policy.LINUX_6_4);
        assertEquals(of(HOLE, 0, TOP), pfns(out));
        assertEquals("# dma sac_attempts 1 sac_failures 1 devices_switched 1", dmaLine(out));
    }
}
