package dev.iovasim.allocator.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every examples/NAME.trace under each preset that has an examples/NAME.POLICY.out
 * (POLICY may end in -magN for --magazine-size N) and compares the pfn lines and the first
 * summary line with the hand-worked expected output.
 */
class ExamplesTest {

    static Stream<Arguments> cases() throws Exception {
        Path dir = ProjectRoot.find().resolve("examples");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".out")) continue;
                String stem = name.substring(0, name.length() - ".out".length());
                int dot = stem.indexOf('.');
                out.add(Arguments.of(stem.substring(0, dot), stem.substring(dot + 1)));
            }
        }
        assertFalse(out.isEmpty(), "no examples found in " + dir);
        return out.stream();
    }

    static Policy policyFor(String preset) {
        int mag = preset.lastIndexOf("-mag");
        if (mag < 0) return Policy.byName(preset);
        return Policy.byName(preset.substring(0, mag)).withMagazineSize(Integer.parseInt(preset.substring(mag + 4)));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("cases")
    void replayGivesTheHandWorkedOutput(String trace, String preset) throws Exception {
        Path dir = ProjectRoot.find().resolve("examples");
        Policy policy = policyFor(preset);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Replay.Result result;
        try (InputStream in = Files.newInputStream(dir.resolve(trace + ".trace"))) {
            result = new Replay(cfg -> AllocatorTarget.create(policy, cfg, true), w -> { }, 1).run(in, got);
        }
        assertEquals(compared(Files.readAllLines(dir.resolve(trace + "." + preset + ".out"))),
                compared(List.of(got.toString(StandardCharsets.UTF_8).split("\n"))));
        assertTrue(result.conservation().ok(), () -> result.conservation().problem());
    }

    /** The pfn lines and the first '#' line. */
    private static List<String> compared(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l);
            if (l.startsWith("#")) break;
        }
        return out;
    }
}
