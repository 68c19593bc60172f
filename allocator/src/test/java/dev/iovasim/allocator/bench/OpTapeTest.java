package dev.iovasim.allocator.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iovasim.allocator.Counter;
import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.allocator.IovaAllocator;
import dev.iovasim.allocator.Policy;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A tape keeps each operation's kind, CPU and operands as given, past its first capacity. */
class OpTapeTest {
    private static final DomainConfig CONFIG = new DomainConfig(4, 4096, 1);
    private static final long LIMIT = (1L << 20) - 1;

    @Test
    void writesEachOperationAsATraceLine() throws Exception {
        OpTape t = new OpTape(CONFIG);
        t.reserve(100, 200);
        t.alloc(3, 2, LIMIT, true);
        t.alloc(1, 5, -1L, false);
        t.map(2, 1, LIMIT);
        t.free(0, 1);
        StringWriter w = new StringWriter();
        t.writeTrace(w, "four ops");
        assertEquals("# four ops\ndomain cpus=4 granule=4096 start_pfn=1\nreserve 100 200\nalloc 3 2 1048575\n"
                + "alloc 1 5 18446744073709551615 noflush\nmap 2 1 1048575\nfree 0 @2\n", w.toString());
        assertEquals(5, t.length());
        assertEquals(3, t.allocs());
    }

    @Test
    void runGivesThePfnsOfTheSameCallsMadeDirectly() {
        OpTape t = new OpTape(CONFIG);
        IovaAllocator direct = new IovaAllocator(Policy.DEFAULT, CONFIG, true);
        long[] expected = new long[3000];
        long sum = 0;
        // 3000 allocations and 1500 frees: the tape grows past its first 1024 operations
        for (int i = 0; i < 3000; i++) {
            int cpu = i % 4;
            long size = 1 + i % 40;
            t.alloc(cpu, size, LIMIT, i % 3 != 0);
            expected[i] = direct.alloc(cpu, size, LIMIT, i % 3 != 0);
            sum += expected[i];
            if (i % 2 == 1) {
                t.free((cpu + 1) % 4, i - 1);
                direct.free((cpu + 1) % 4, expected[i - 1], 1 + (i - 1) % 40);
            }
        }
        long[] results = new long[t.allocs()];
        long[] sizes = new long[t.allocs()];
        IovaAllocator taped = new IovaAllocator(Policy.DEFAULT, CONFIG, true);
        assertEquals(sum, t.run(taped, results, sizes));
        assertArrayEquals(expected, results);
        for (Counter c : Counter.values()) assertEquals(direct.stats().get(c), taped.stats().get(c), c.key());
        assertEquals(1500, taped.stats().get(Counter.FREES));
    }
}
