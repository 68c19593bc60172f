package dev.iovasim.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iovasim.allocator.trace.AllocatorTarget;
import dev.iovasim.allocator.trace.Replay;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every shared conformance trace under its preset and compares with the kernel's output. */
class ConformanceTest {

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(SharedFiles.conformance())) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".out.gz")) continue;
                String stem = name.substring(0, name.length() - ".out.gz".length());
                int dot = stem.indexOf('.');
                String trace = stem.substring(0, dot);
                String preset = stem.substring(dot + 1);
                for (boolean gaps : new boolean[] {true, false}) {
                    if (!gaps && trace.startsWith("c3")) continue; // the linear walk is checked on the smaller traces
                    out.add(Arguments.of(trace, preset, gaps));
                }
            }
        }
        return out.stream();
    }

    static Policy policyFor(String preset) {
        if (preset.endsWith("-mag128")) return Policy.byName(preset.replace("-mag128", "")).withMagazineSize(128);
        // these files describe the 6.7 list depot behind the pre-6.4 DMA layer (every map tries SAC);
        // the linux-6.7 preset now has v6.4's sticky per-device rule (iommu_dma_alloc_iova, v6.4+)
        if (preset.equals("linux-6.7")) return Policy.byName("linux-6.7+sac=always");
        return Policy.byName(preset);
    }

    @ParameterizedTest(name = "{0} under {1}, gap search {2}")
    @MethodSource("cases")
    void replayMatchesKernel(String trace, String preset, boolean gapSearch) throws Exception {
        Path dir = SharedFiles.conformance();
        Policy policy = policyFor(preset);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<String> warnings = new ArrayList<>();
        Replay.Result result;
        try (InputStream in = gunzip(dir.resolve(trace + ".trace.gz"))) {
            result = new Replay(cfg -> AllocatorTarget.create(policy, cfg, gapSearch), warnings::add, 0).run(in, got);
        }
        List<String> expected = readLines(gunzip(dir.resolve(trace + "." + preset + ".out.gz")));
        List<String> actual = readLines(new ByteArrayInputStream(got.toByteArray()));
        boolean stopped = false;
        int e = 0;
        for (; e < expected.size(); e++) {
            String line = expected.get(e);
            if (line.startsWith("# STOPPED")) {
                stopped = true;
                break;
            }
            if (line.startsWith("#")) break;
            if (e >= actual.size() || !line.equals(actual.get(e))) {
                fail(trace + " " + preset + ": first difference at output line " + (e + 1) + ": expected " + line
                        + " got " + (e < actual.size() ? actual.get(e) : "<end>"));
            }
        }
        if (stopped) {
            assertTrue(result.staleNote() != null, "the v4.15 use-after-free should have been detected");
            assertTrue(warnings.stream().anyMatch(w -> w.contains("use-after-free")));
        } else {
            assertEquals(expected.get(e), result.summaryLine(), "summary line");
            assertEquals(expected.get(e), actual.get(e));
        }
        assertTrue(result.conservation().ok(), () -> "conservation: " + result.conservation().problem());
    }

    static InputStream gunzip(Path p) throws Exception {
        return new GZIPInputStream(Files.newInputStream(p), 1 << 16);
    }

    static List<String> readLines(InputStream in) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) lines.add(l);
        }
        return lines;
    }
}
