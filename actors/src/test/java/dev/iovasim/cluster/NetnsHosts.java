package dev.iovasim.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Three network namespaces on a bridge (scripts/netns-hosts), named after this JVM's pid so that
 * a later run can tell leftovers of a crashed one ({@code reap}); removed by {@link #close} and,
 * should the JVM be stopped first, by a shutdown hook. Also runs commands in them and kills what
 * it started.
 */
final class NetnsHosts implements AutoCloseable {
    static final String PREFIX = "ivh";
    /** Every JVM here, the command's and its cpu nodes', lives for one short command. */
    private static final List<String> JVM = List.of("-Xmx256m", TestJvms.SHORT_LIVED);
    final String name = PREFIX + ProcessHandle.current().pid();
    private final Path script;
    private final Thread hook = new Thread(this::down, "netns-hosts-down");
    private final List<Process> started = new ArrayList<>();

    private NetnsHosts(Path script) {
        this.script = script;
    }

    /** Why this machine cannot run the test, or null when it can (root, and ip netns works). */
    static String unavailable() {
        try {
            if (!"0".equals(run(List.of("id", "-u")).strip())) return "not root: network namespaces need root (CI runs as root)";
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) return "'ip netns list' failed: " + out.strip();
            return null;
        } catch (IOException e) {
            return "no 'ip' command: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static NetnsHosts up(Path project, int hosts) throws IOException {
        NetnsHosts h = new NetnsHosts(project.resolve("scripts/netns-hosts"));
        run(List.of(h.script.toString(), "reap", PREFIX));
        Runtime.getRuntime().addShutdownHook(h.hook);
        try {
            run(List.of(h.script.toString(), "up", h.name, Integer.toString(hosts)));
        } catch (IOException | RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    String ns(int i) {
        return name + "-" + i;
    }

    static String address(int i) {
        return "192.0.2." + i;
    }

    /** Does this kernel have netem? */
    boolean hasNetem() throws IOException {
        try {
            run(List.of(script.toString(), "has-netem"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void netem(String delay) throws IOException {
        run(List.of(script.toString(), "netem", name, delay));
    }

    /**
     * Runs {@code java ... dev.iovasim.cli.Main ARGS} in namespace {@code i} with this JVM's class
     * path; its standard output and error, and its exit status.
     */
    /** A command's output and how it ended: its exit status, or -1 when it was killed at the timeout. */
    record Run(String out, String err, int status) {
    }

    Run iovasim(int i, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(i),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JVM);
        cmd.addAll(List.of("-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), "dev.iovasim.cli.Main"));
        cmd.addAll(args);
        Path out = Files.createTempFile("netns-out", ".txt");
        Path err = Files.createTempFile("netns-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("IOVASIM_NODE_JAVA_OPTS", String.join(" ", JVM));
            // a node starved of CPU on a busy machine must not be downed (common.conf: 3 s)
            pb.environment().put("IOVASIM_HEARTBEAT_PAUSE", "20s");
            Process p = pb.start();
            synchronized (started) {
                started.add(p);
            }
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) kill(p);
            return new Run(Files.readString(out), Files.readString(err), done ? p.exitValue() : -1);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private void down() {
        synchronized (started) {
            started.forEach(NetnsHosts::kill);
        }
        try {
            run(List.of(script.toString(), "down", name));
        } catch (IOException e) {
            System.err.println("netns-hosts down " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs
        }
    }

    /** Whether {@code name}'s namespaces and links are all gone. */
    boolean gone() throws IOException {
        String all = run(List.of("ip", "netns", "list")) + run(List.of("ip", "-o", "link", "show"));
        return !all.contains(name + "-") && !all.contains(name + "v");
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
        return out;
    }
}
