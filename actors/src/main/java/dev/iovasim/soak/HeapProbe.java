package dev.iovasim.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's heap after a full collection, through {@code jcmd PID GC.run} then {@code GC.heap_info}
 * (one jcmd, both commands): the sum of the "used" figures of the heap's spaces (young and old
 * generation, or G1's single heap line), metaspace left out. Works for any JVM of the same user,
 * this one included.
 */
final class HeapProbe {
    /** "PSYoungGen total 76288K, used 1234K", "ParOldGen ...", "garbage-first heap total ..., used ...". */
    private static final Pattern SPACE = Pattern.compile("^\\s*(PSYoungGen|ParOldGen|garbage-first heap|def new generation"
            + "|tenured generation)\\s+total \\d+K, used (\\d+)K", Pattern.MULTILINE);

    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    /** Kilobytes in use after a full GC of process {@code pid}. */
    long usedAfterFullGcKb(long pid) throws IOException {
        jcmd(pid, "GC.run");
        return parse(jcmd(pid, "GC.heap_info"), pid);
    }

    /** What {@code jcmd PID COMMAND} printed; a failure or a minute's silence is an IOException. */
    private String jcmd(long pid, String command) throws IOException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("jcmd failed: " + List.of(output.strip()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for jcmd", e);
        }
        return output;
    }

    static long parse(String heapInfo, long pid) throws IOException {
        Matcher m = SPACE.matcher(heapInfo);
        long kb = 0;
        int spaces = 0;
        while (m.find()) {
            kb += Long.parseLong(m.group(2));
            spaces++;
        }
        if (spaces == 0) throw new IOException("jcmd " + pid + " GC.heap_info: no heap space in its answer: " + heapInfo.strip());
        return kb;
    }
}
