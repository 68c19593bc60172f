package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The preset catalogue and the {@code --set} switch registry. */
class PolicySwitchesTest {

    @Test
    void catalogueListsEveryPresetOnceOldestFirst() {
        assertEquals(List.of("linux-4.14", "linux-4.15", "linux-6.1", "linux-6.3", "linux-6.4", "linux-6.7"), Presets.names());
        // the help texts say DEFAULT_NAME (an annotation needs a constant); it must name DEFAULT
        assertEquals(Policy.DEFAULT.name(), Policy.DEFAULT_NAME);
    }

    /** iommu_dma_alloc_iova: v6.3 tries SAC on every map, v6.4 keeps the per-device flag; iova.c is v6.1's in both. */
    @Test
    void presetsSacRules() {
        assertEquals(Policy.SacRule.ALWAYS, Policy.LINUX_6_1.sac());
        assertTrue(Policy.LINUX_6_3.sameBehaviour(Policy.LINUX_6_1));
        assertEquals(Policy.SacRule.STICKY, Policy.LINUX_6_4.sac());
        assertTrue(Policy.LINUX_6_4.sameBehaviour(PolicySwitches.apply(Policy.LINUX_6_1, "sac=sticky")));
        assertEquals(Policy.SacRule.STICKY, Policy.LINUX_6_7.sac());
        assertEquals(Policy.UNBOUNDED, Policy.LINUX_6_7.depotLimit());
        for (Policy p : Presets.all().stream().map(Presets.Preset::policy).toList()) assertFalse(p.forceDac(), p.name());
    }

    @Test
    void overrideNamesSayWhatChangedAndReadBack() {
        Policy p = PolicySwitches.apply(Policy.LINUX_6_7, "sac=always");
        assertEquals("linux-6.7+sac=always", p.name());
        assertEquals(Policy.SacRule.ALWAYS, p.sac());
        Policy q = PolicySwitches.apply(PolicySwitches.apply(p, "depot=array"), "magazine-size=128");
        assertEquals("linux-6.7-mag128+sac=always+depot=array", q.name());
        assertEquals(Policy.ARRAY_DEPOT, q.depotLimit());
        assertFalse(q.depotTrim());
        assertEquals(128, q.magazineSize());
        assertEquals(q, Policy.byName(q.name()));
        assertEquals(q, Policy.byName(" LINUX-6.7-MAG128+SAC=ALWAYS+DEPOT=ARRAY "));
    }

    /** A key set again replaces its value in the name; set back to the preset's, it leaves the name. */
    @Test
    void aKeySetAgainIsNamedOnce() {
        Policy lazy = PolicySwitches.apply(Policy.LINUX_6_7, "invalidation=lazy");
        Policy single = PolicySwitches.apply(PolicySwitches.apply(lazy, "sac=always"), "invalidation=lazy-single");
        assertEquals("linux-6.7+sac=always+invalidation=lazy-single", single.name());
        assertEquals(single, Policy.byName(single.name()));
        Policy back = PolicySwitches.apply(lazy, "invalidation=strict");
        assertEquals("linux-6.7", back.name());
        assertTrue(back.sameBehaviour(Policy.LINUX_6_7));
    }

    @Test
    void overrideThatChangesNothingKeepsThePolicy() {
        assertSame(Policy.LINUX_6_7, PolicySwitches.apply(Policy.LINUX_6_7, "sac=sticky"));
        assertSame(Policy.LINUX_6_1, PolicySwitches.apply(Policy.LINUX_6_1, "magazine-size=127"));
    }

    @Test
    void depotLimitTakesNumbersOrUnbounded() {
        assertEquals(8, PolicySwitches.apply(Policy.LINUX_6_1, "depot-limit=8").depotLimit());
        assertEquals(Policy.UNBOUNDED, PolicySwitches.apply(Policy.LINUX_6_1, "depot-limit=unbounded").depotLimit());
    }

    @Test
    void errorsNameTheKeyAndTheValidValues() {
        String unknownKey = assertThrows(IllegalArgumentException.class, () -> PolicySwitches.apply(Policy.LINUX_6_7, "sack=always")).getMessage();
        assertTrue(unknownKey.contains("'sack'") && unknownKey.contains("sac, forcedac, depot"), unknownKey);
        String badValue = assertThrows(IllegalArgumentException.class, () -> PolicySwitches.apply(Policy.LINUX_6_7, "sac=never")).getMessage();
        assertTrue(badValue.contains("'never'") && badValue.contains("sac") && badValue.contains("always|sticky"), badValue);
        String notKv = assertThrows(IllegalArgumentException.class, () -> PolicySwitches.apply(Policy.LINUX_6_7, "sac")).getMessage();
        assertTrue(notKv.contains("KEY=VALUE"), notKv);
        String badNumber = assertThrows(IllegalArgumentException.class, () -> PolicySwitches.apply(Policy.LINUX_6_7, "magazine-size=big")).getMessage();
        assertTrue(badNumber.contains("magazine-size") && badNumber.contains("1..65536"), badNumber);
        String range = assertThrows(IllegalArgumentException.class, () -> PolicySwitches.apply(Policy.LINUX_6_7, "depot-limit=-3")).getMessage();
        assertTrue(range.contains("depot-limit"), range);
        String unknownPreset = assertThrows(IllegalArgumentException.class, () -> Policy.byName("linux-5.0")).getMessage();
        assertTrue(unknownPreset.contains("linux-6.4"), unknownPreset);
    }

    @Test
    void everySwitchHasHelpAndAppliesEachOfItsValues() {
        for (PolicySwitches.Switch s : PolicySwitches.all()) {
            assertFalse(s.help().isBlank(), s.key());
            if (s.values().contains("N")) continue;
            for (String v : s.values().split("\\|")) {
                Policy p = PolicySwitches.apply(Policy.LINUX_6_1, s.key() + "=" + v);
                assertEquals(p, Policy.byName(p.name()), s.key() + "=" + v);
            }
        }
    }

    @Test
    void presetOfAnOverriddenPolicy() {
        assertEquals("linux-6.4", Presets.of(PolicySwitches.apply(Policy.LINUX_6_4.withMagazineSize(64), "sac=always")).name());
        assertFalse(Presets.LINUX_4_15.hasForcedac());
        assertTrue(Presets.LINUX_6_1.hasForcedac());
    }
}
