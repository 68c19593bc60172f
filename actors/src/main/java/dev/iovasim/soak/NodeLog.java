package dev.iovasim.soak;

import dev.iovasim.cluster.DeadLetterLog;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cpu nodes' output (lines {@code [cpus-i] ...}, as the local cluster copies them), passed
 * on to {@code out}, keeping each node's latest dead-letter line (their counts are cumulative).
 */
final class NodeLog extends PrintStream {
    private final Map<String, String> deadLetters = new TreeMap<>();

    NodeLog(PrintStream out) {
        super(out, true);
    }

    @Override
    public void println(String line) {
        int close = line.indexOf("] ");
        if (line.startsWith("[") && close > 0 && line.startsWith(DeadLetterLog.PREFIX, close + 2)) {
            synchronized (deadLetters) {
                deadLetters.put(line.substring(1, close), line.substring(close + 2));
            }
        }
        super.println(line);
    }

    /** Node tag to its latest {@code dead letters: ...} line. */
    Map<String, String> deadLetters() {
        synchronized (deadLetters) {
            return Map.copyOf(deadLetters);
        }
    }
}
