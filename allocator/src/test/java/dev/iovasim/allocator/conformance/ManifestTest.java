package dev.iovasim.allocator.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The stored set is what its manifest and README say, and stays within its size budget. */
class ManifestTest {
    /** The set travels with every clone: README.md promises at most 6 MB. */
    static final long BUDGET_BYTES = 6_000_000;

    static Path storedDir() {
        return ProjectRoot.find().resolve("allocator/src/test/resources/conformance");
    }

    @Test
    void everyStoredFileIsNamedByTheManifestAndTheSetFitsItsBudget() throws IOException {
        Set<String> named = new HashSet<>(Set.of(ConformanceSet.MANIFEST, "README.md"));
        for (ConformanceCheck c : ConformanceSet.checks()) {
            named.add(c.trace());
            named.add(c.expected());
        }
        long total = 0;
        try (Stream<Path> files = Files.list(storedDir())) {
            for (Path f : files.toList()) {
                assertTrue(named.contains(f.getFileName().toString()), "stored but in no check: " + f);
                total += Files.size(f);
            }
        }
        assertTrue(total <= BUDGET_BYTES, "the conformance set takes " + total + " bytes, over " + BUDGET_BYTES);
    }

    @Test
    void eachTraceAndArgumentsAreCheckedOnce() {
        Set<String> seen = new HashSet<>();
        for (ConformanceCheck c : ConformanceSet.checks()) {
            assertTrue(seen.add(c.pending() + " " + c), "line " + c.line() + " repeats " + c);
        }
    }

    /**
     * Whole and prefix outputs hold one pfn line per alloc/map line of their trace (the replay
     * output rule of the trace format); a stopped output holds fewer, then {@code # STOPPED}.
     */
    @Test
    void outputsHaveOnePfnLinePerAllocation() throws IOException {
        Map<String, Long> allocsOf = new HashMap<>(); // several checks share a trace: decompress it once
        for (ConformanceCheck c : ConformanceSet.checks()) {
            if (!allocsOf.containsKey(c.trace())) {
                allocsOf.put(c.trace(), ConformanceSet.lines(c.trace()).stream()
                        .filter(l -> l.startsWith("alloc ") || l.startsWith("map ")).count());
            }
            long allocs = allocsOf.get(c.trace());
            List<String> out = c.expectedLines();
            long pfns = out.stream().takeWhile(l -> !l.startsWith("#")).count();
            switch (c.kind()) {
                case WHOLE -> {
                    assertEquals(allocs, pfns, c + ": pfn lines of " + c.expected());
                    assertTrue(out.get((int) pfns).startsWith("# allocs " + allocs + " "), c + ": " + out.get((int) pfns));
                }
                case PREFIX -> {
                    assertEquals(allocs, pfns, c + ": pfn lines of " + c.expected());
                    assertEquals(out.size(), pfns, c + ": a prefix output has no # lines");
                }
                case STOPPED -> {
                    assertTrue(pfns < allocs, c + ": stops before the trace's end");
                    assertTrue(out.get((int) pfns).startsWith("# STOPPED"), c + ": " + out.get((int) pfns));
                }
            }
            assertFalse(c.args().isEmpty(), c + ": no arguments");
        }
    }
}
