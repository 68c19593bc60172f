package dev.iovasim.allocator.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.allocator.Policy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trace format version 3: the header's {@code invalidation=} and {@code clock NS} lines. A lazy
 * trace's {@code free} is the DMA layer's unmap (queue_iova); the queue timer (fq_flush_timeout)
 * fires when a clock line passes it.
 */
class LazyTraceTest {
    private static final long SAC = (1L << 20) - 1;

    /** The output lines of {@code trace} replayed by the reference engine under {@code p}. */
    static List<String> replay(String trace, Policy p) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Replay(cfg -> AllocatorTarget.create(p, cfg, true), w -> { }, 0)
                .run(new ByteArrayInputStream(trace.getBytes(StandardCharsets.US_ASCII)), out);
        return out.toString(StandardCharsets.US_ASCII).lines().toList();
    }

    @Test
    void lazyHeaderHoldsFreedIovasUntilTheTimerFires() throws Exception {
        String body = "map 0 1 " + SAC + "\nfree 0 @1\nmap 0 1 " + SAC + "\nclock 10000000\nmap 0 1 " + SAC + "\n";
        long top = SAC;
        List<String> strict = replay("domain cpus=1\n" + body, Policy.LINUX_6_1);
        assertEquals(List.of(Long.toString(top), Long.toString(top), Long.toString(top - 1)), strict.subList(0, 3),
                "strict: the freed pfn comes back at once from the magazine");
        List<String> lazy = replay("domain cpus=1 invalidation=lazy\n" + body, Policy.LINUX_6_1);
        assertEquals(List.of(Long.toString(top), Long.toString(top - 1), Long.toString(top)), lazy.subList(0, 3),
                "lazy: queued until the 10 ms timer flushed and freed it into CPU 0's magazine");
        assertTrue(lazy.stream().anyMatch(l -> l.equals("# flush_queue queued 1 flushes 1 freed 1 still_queued 0")), lazy.toString());
        assertTrue(lazy.stream().anyMatch(l -> l.startsWith("# conservation ok")), lazy.toString());
    }

    @Test
    void aTraceWithoutTheNewLinesReplaysAsBefore() throws Exception {
        String body = "domain cpus=1\nmap 0 1 " + SAC + "\nfree 0 @1\nmap 0 1 " + SAC + "\n";
        assertEquals(replay(body, Policy.LINUX_6_1).get(1), Long.toString(SAC));
    }

    @Test
    void badClockAndInvalidationLinesNameTheLine() {
        String[][] cases = {
            {"domain cpus=1 invalidation=deferred\n", "1", "unknown invalidation mode 'deferred'"},
            {"domain cpus=1\nclock 5\nclock 4\n", "3", "the clock goes back from 5 ns to 4 ns"},
            {"domain cpus=1\nclock\n", "2", "expected 'clock NS'"},
            {"domain cpus=1\nclock 0xffffffffffffffff\n", "2", "clock beyond 2^63 - 1 ns"},
        };
        for (String[] c : cases) {
            TraceException e = assertThrows(TraceException.class, () -> replay(c[0], Policy.LINUX_6_1), c[0]);
            assertEquals(Long.parseLong(c[1]), e.line(), c[0]);
            assertTrue(e.why().contains(c[2]), c[0] + ": " + e.why());
        }
    }
}
