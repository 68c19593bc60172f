package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --set}, {@code --forcedac} and {@code map ... dev=NAME} from the command line: the
 * DMA layer's SAC rule of {@code iommu_dma_alloc_iova} (v6.3: every map; v6.4+: per device until
 * its first failure). The trace reserves all of the space under 4 GiB but one 64-pfn hole.
 */
class SacCliTest {
    private static final long LIMIT = (1L << 28) - 1;
    private static final String TRACE = """
            domain cpus=2
            reserve 1 1048511
            map 0 64 %1$d dev=nic
            map 1 64 %1$d dev=nic
            free 0 @1
            map 0 64 %1$d dev=nic
            map 1 64 %1$d dev=nvme
            """.formatted(LIMIT);
    private static final String HOLE = "1048512";

    private static List<String> pfns(CliRun r) {
        assertEquals(0, r.status(), r::err);
        return r.outLines().stream().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void stickyPresetVersusSetSacAlways() {
        List<String> sticky = pfns(CliRun.withStdin(TRACE, "replay", "--policy", "linux-6.7", "-"));
        // nic switched at its failure, so it no longer takes the freed hole; nvme still tries
        assertEquals(List.of(HOLE, "268435392", "268435328", HOLE), sticky);
        List<String> always = pfns(CliRun.withStdin(TRACE, "replay", "--policy", "linux-6.7", "--set", "sac=always", "-"));
        assertEquals(List.of(HOLE, "268435392", HOLE, "268435328"), always);
    }

    @Test
    void bothEnginesAgreeOnDevices() {
        for (String policy : List.of("linux-6.3", "linux-6.4")) {
            CliRun ref = CliRun.withStdin(TRACE, "replay", "--policy", policy, "-");
            CliRun act = CliRun.withStdin(TRACE, "replay", "--engine", "actors", "--policy", policy, "-");
            assertEquals(ref.out().replace("reference", "actors"), act.out(), policy);
        }
    }

    @Test
    void forcedacMakesNoSacAttempt() {
        CliRun r = CliRun.withStdin(TRACE, "replay", "--policy", "linux-6.4", "--forcedac", "--verbose", "-");
        assertEquals(List.of("268435392", "268435328", "268435392", "268435264"), pfns(r));
        // the DMA layer's counters are a note: standard error, behind --verbose
        assertTrue(r.err().contains("# dma sac_attempts 0 sac_failures 0 devices_switched 0"), r.err());
    }

    @Test
    void forcedacIsRefusedForKernelsWithoutTheParameter() {
        CliRun r = CliRun.withStdin(TRACE, "replay", "--policy", "linux-4.15", "--forcedac", "-");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--forcedac") && r.err().contains("linux-4.15") && r.err().contains("--set forcedac=on"), r.err());
        // the what-if is still there, by name
        assertEquals(0, CliRun.withStdin(TRACE, "replay", "--policy", "linux-4.15", "--set", "forcedac=on", "-").status());
    }

    @Test
    void setErrorsAreUsageErrorsNamingKeyAndValues() {
        CliRun badValue = CliRun.withStdin(TRACE, "replay", "--set", "sac=never", "-");
        assertEquals(2, badValue.status());
        assertTrue(badValue.err().contains("--set sac=never") && badValue.err().contains("always|sticky"), badValue.err());
        CliRun badKey = CliRun.withStdin(TRACE, "replay", "--set", "sack=always", "-");
        assertEquals(2, badKey.status());
        assertTrue(badKey.err().contains("'sack'") && badKey.err().contains("depot-limit"), badKey.err());
        assertEquals("", badKey.out(), "nothing replayed");
    }

    @Test
    void magazineSizeFlagAndSwitchAgree() {
        CliRun flag = CliRun.withStdin(TRACE, "replay", "--policy", "linux-6.1", "--magazine-size", "128", "-");
        CliRun set = CliRun.withStdin(TRACE, "replay", "--policy", "linux-6.1", "--set", "magazine-size=128", "-");
        assertEquals(flag.out(), set.out());
    }

    @Test
    void helpListsPresetsAndSwitchesFromTheirCatalogues() {
        String help = CliRun.of("replay", "--help").out().replaceAll("\\s+", " ");
        for (var p : dev.iovasim.allocator.Presets.all()) assertTrue(help.contains(p.name()), p.name());
        for (var s : dev.iovasim.allocator.PolicySwitches.all()) assertTrue(help.contains(s.key() + "=" + s.values()), s.key());
    }

    @Test
    void malformedDeviceIsATraceErrorWithItsLine() {
        for (String bad : List.of("map 0 1 4096 dev=", "map 0 1 4096 device=nic", "map 0 1 4096 dev=nic extra")) {
            CliRun r = CliRun.withStdin("domain cpus=1\n" + bad + "\n", "replay", "-");
            assertEquals(2, r.status(), bad);
            assertTrue(r.err().startsWith("error: line 2: "), r.err());
        }
    }
}
