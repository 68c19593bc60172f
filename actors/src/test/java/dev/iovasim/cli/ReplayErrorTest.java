package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * trace-format.md, Errors: each rule stops the replay with {@code error: line N: <why>: <text>}
 * and exit status 2, after printing the output of the lines before it and no summary. The
 * trace is read from standard input ('-').
 */
class ReplayErrorTest {

    /**
     * Replays {@code trace}; expects the error on line {@code line} (whose text is {@code text}),
     * a reason containing {@code why}, and {@code before} as the output printed first.
     */
    private static void assertStops(String trace, int line, String why, String text, String... before) {
        CliRun r = CliRun.withStdin(trace, "replay", "-");
        assertEquals(2, r.status(), () -> "exit status; stderr: " + r.err());
        assertEquals(1, r.errLines().size(), () -> "one error line: " + r.err());
        String err = r.errLines().get(0);
        Pattern shape = Pattern.compile("error: line " + line + ": (.+): " + Pattern.quote(text));
        assertTrue(shape.matcher(err).matches(), () -> "shape 'error: line " + line + ": <why>: " + text + "', got: " + err);
        assertTrue(err.contains(why), () -> "the reason should mention '" + why + "': " + err);
        assertEquals(List.of(before), r.outLines(), "output before the error, and no summary");
    }

    @Test
    void malformedLine() {
        assertStops("alloc 0 1 1000\nalloc 0 1\n", 2, "expected", "alloc 0 1", "1000");
    }

    @Test
    void unknownOperation() {
        assertStops("# a comment\nalloc 0 1 1000\nfrob 1 2\n", 3, "unknown operation", "frob 1 2", "1000");
    }

    @Test
    void unknownOption() {
        assertStops("alloc 0 1 1000 flushy\n", 1, "unknown option", "alloc 0 1 1000 flushy");
    }

    @Test
    void numberBeyond64Bits() {
        // 2^64-1 parses (LIMIT 2^64-2 is the highest usable: the anchor sits at 2^64-1)
        assertStops("alloc 0 1 18446744073709551614 noflush\nfree 0 18446744073709551615 64\nalloc 0 1 18446744073709551616\n", 3,
                "64 bits", "alloc 0 1 18446744073709551616", "18446744073709551614");
        assertStops("alloc 0 1 0x10000000000000000\n", 1, "64 bits", "alloc 0 1 0x10000000000000000");
    }

    @Test
    void cpuOutOfRange() {
        assertStops("domain cpus=2\nalloc 1 1 1000\nalloc 2 1 1000\n", 3, "CPU 2", "alloc 2 1 1000", "1000");
    }

    @Test
    void sizeZero() {
        assertStops("alloc 0 0 1000\n", 1, "SIZE", "alloc 0 0 1000");
        assertStops("alloc 0 1 1000\nfree 0 1000 0\n", 2, "SIZE", "free 0 1000 0", "1000");
    }

    @Test
    void reserveLoAboveHi() {
        assertStops("reserve 10 10\nreserve 10 5\n", 2, "LO > HI", "reserve 10 5");
    }

    @Test
    void freeOfAnAllocationNotYetMade() {
        assertStops("alloc 0 1 1000\nalloc 0 1 1000\nfree 0 @3\n", 3, "@3", "free 0 @3", "1000", "999");
    }

    @Test
    void secondFreeOfTheSameAllocation() {
        assertStops("alloc 0 1 1000\nfree 0 @1\nalloc 0 1 1000\nfree 0 @1\n", 4, "@1", "free 0 @1", "1000", "1000");
    }

    /** A failed allocation's first free is a no-op; the second is still an error. */
    @Test
    void secondFreeOfAFailedAllocation() {
        assertStops("alloc 0 1 0\nfree 0 @1\nfree 0 @1\n", 3, "@1", "free 0 @1", "0");
    }

    @Test
    void headerAfterTheFirstOperation() {
        assertStops("alloc 0 1 1000\ndomain cpus=2\n", 2, "header", "domain cpus=2", "1000");
    }

    @Test
    void secondHeader() {
        assertStops("domain cpus=2\n\ndomain cpus=2\n", 3, "header", "domain cpus=2");
    }

    @Test
    void unknownHeaderKey() {
        assertStops("domain cpus=2 colour=blue\n", 1, "colour", "domain cpus=2 colour=blue");
    }

    @Test
    void startPfnZero() {
        assertStops("domain start_pfn=0\n", 1, "start_pfn must be in 1..2^63 - 1", "domain start_pfn=0");
    }

    /** An unsigned 64-bit start_pfn of 2^63 or more is a trace error, not a negative number the domain refuses. */
    @Test
    void startPfnFrom2To63() {
        assertStops("domain start_pfn=18446744073709551615\n", 1, "start_pfn must be in 1..2^63 - 1",
                "domain start_pfn=18446744073709551615");
        assertStops("# a comment\ndomain cpus=1 start_pfn=0x8000000000000000\n", 2, "start_pfn must be in 1..2^63 - 1",
                "domain cpus=1 start_pfn=0x8000000000000000");
        CliRun r = CliRun.withStdin("domain start_pfn=9223372036854775807\nalloc 0 1 0xfffffffffffffffe\n", "replay", "-");
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void badGranule() {
        assertStops("domain granule=4097\n", 1, "granule", "domain granule=4097");
        assertStops("domain granule=2048\n", 1, "granule", "domain granule=2048");
        assertStops("domain granule=131072\n", 1, "granule", "domain granule=131072");
    }

    /** The good cases the rules border on: hexadecimal, granule 65536, CPU cpus-1, a comment after an op. */
    @Test
    void acceptsTheBoundaries() {
        CliRun r = CliRun.withStdin("domain cpus=2 granule=65536 start_pfn=1\nalloc 1 1 0xffff # 4 GiB with 64 KiB pages\n",
                "replay", "-");
        assertEquals(0, r.status(), r.err());
        assertEquals("65535", r.outLines().get(0));
        assertEquals("# allocs 1 failed 0 rcache_hits 0 flushes 0 flushed_pfns 0", r.outLines().get(1));
    }

    @Test
    void missingFileIsAUsageErrorNamingIt() {
        CliRun r = CliRun.of("replay", "no-such-dir/none.trace");
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of("error: no such file: no-such-dir/none.trace"), r.errLines());
        assertEquals("", r.out());
    }
}
