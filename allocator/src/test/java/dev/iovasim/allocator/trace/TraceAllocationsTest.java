package dev.iovasim.allocator.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.engine.ReferenceEngine;
import dev.iovasim.allocator.engine.RunSpec;
import dev.iovasim.allocator.engine.ProgressListener;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.allocator.workload.WorkloadException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code free CPU @N} judged by one rule wherever a trace runs: replay and the trace workload
 * refuse an {@code @N} that names an allocation not made yet, or one already freed, naming the
 * line; a literal free ends a holding without using up its {@code @N}.
 */
class TraceAllocationsTest {
    private static final String[][] BAD = {
        {"domain cpus=1\nalloc 0 1 1048575\nfree 0 @2\n", "3", "@2 names an allocation that has not happened yet"},
        {"domain cpus=1\nalloc 0 1 1048575\nfree 0 @1\nfree 0 @1\n", "4", "@1 is freed a second time"},
    };

    private static String replay(String trace) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Replay(cfg -> AllocatorTarget.create(Policy.LINUX_6_1, cfg, true), w -> { }, 1)
                .run(new ByteArrayInputStream(trace.getBytes(StandardCharsets.US_ASCII)), out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void replayRefusesABadReference() {
        for (String[] c : BAD) {
            TraceException e = assertThrows(TraceException.class, () -> replay(c[0]), c[0]);
            assertEquals(Long.parseLong(c[1]), e.line(), c[0]);
            assertEquals(c[2], e.why(), c[0]);
        }
    }

    @Test
    void theTraceWorkloadRefusesItAlike(@TempDir Path dir) throws Exception {
        for (String[] c : BAD) {
            Path f = Files.writeString(dir.resolve("bad.trace"), c[0]);
            RunSpec spec = RunSpec.of(Policy.LINUX_6_1, WorkloadCatalogue.byName("trace:" + f), 1, 0, 1);
            WorkloadException e = assertThrows(WorkloadException.class, () -> new ReferenceEngine().run(spec, ProgressListener.NONE));
            assertEquals("trace " + f + ": line " + c[1] + ": " + c[2] + ": " + c[0].lines().toList().get(Integer.parseInt(c[1]) - 1),
                    e.getMessage());
        }
    }

    @Test
    void aLiteralFreeEndsTheHoldingAndAnAtNMayStillFreeIt() throws Exception {
        // @1 gets 1048575 and a literal free returns it; @2 gets it again and is freed by number:
        // checked after every line, the caller holds nothing twice and loses nothing
        String out = replay("domain cpus=1\nalloc 0 1 1048575\nfree 0 1048575 1\nalloc 0 1 1048575\nfree 0 @2\n");
        assertTrue(out.contains("# conservation ok: 1 live ranges"), out);
    }
}
