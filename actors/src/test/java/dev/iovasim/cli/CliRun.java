package dev.iovasim.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One in-process run of the CLI with standard input, output and error captured (and restored after).
 * {@code err} is the command's own standard error; {@code log} holds the slf4j-simple log lines that
 * reached standard error meanwhile. They are kept apart because slf4j-simple writes to whatever
 * System.err is at the moment it logs: an actor system of an earlier test in the same JVM, still
 * leaving its cluster, can log a warning into this run's capture, and an assertion on the command's
 * first error line must not see it.
 */
record CliRun(int status, String out, String err, String log) {

    /** slf4j-simple's line as configured in simplelogger.properties: time, [thread], level. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) .*");

    static CliRun withStdin(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            System.out.flush();
            System.err.flush();
            return split(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static CliRun split(int status, String out, String captured) {
        List<String> lines = captured.isEmpty() ? List.of() : List.of(captured.split("\\R", -1));
        String log = lines.stream().filter(l -> LOG_LINE.matcher(l).matches()).map(l -> l + "\n").collect(Collectors.joining());
        if (log.isEmpty()) return new CliRun(status, out, captured, "");
        String err = lines.stream().filter(l -> !LOG_LINE.matcher(l).matches()).collect(Collectors.joining("\n"));
        return new CliRun(status, out, err, log);
    }

    static CliRun of(String... args) {
        return withStdin("", args);
    }

    List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }
}
