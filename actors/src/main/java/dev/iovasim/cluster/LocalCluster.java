package dev.iovasim.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cpu-node JVMs started as local processes on 127.0.0.1 for a one-command cluster run. Every
 * child is told this JVM's pid and exits when it disappears, and {@link #close} (also run by a
 * shutdown hook) stops them, so no process outlives the command, whether it ends, fails or is
 * interrupted.
 */
public final class LocalCluster implements AutoCloseable {
    /** The flag a child uses to watch its parent. */
    public static final String PARENT_PID_FLAG = "--parent-pid";
    private static final long STOP_GRACE_MS = 5_000;
    private static final long DRAIN_MS = 2_000;

    private final List<Process> children = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "iovasim-local-cluster-stop");
    private boolean closed;

    private LocalCluster() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a child per entry of {@code args}, running {@code iovasim ARGS... --node-name name-i
     * --parent-pid PID} (a {@code node} command: each child's metrics carry its own node label) with
     * this JVM's class path, behind its command prefix (e.g. {@code ip netns exec NS}, or none) and
     * with {@code env} added to its environment (where secrets go: a command line is public); their
     * output goes to {@code log} prefixed with {@code [name-i]}.
     */
    public static LocalCluster start(String name, List<List<String>> launchers, List<List<String>> args, List<String> jvmOptions,
                                     java.util.Map<String, String> env, PrintStream log) throws IOException {
        LocalCluster c = new LocalCluster();
        try {
            for (int i = 0; i < args.size(); i++) c.launch(name + "-" + (i + 1), launchers.get(i), args.get(i), jvmOptions, env, log);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void launch(String tag, List<String> launcher, List<String> args, List<String> jvmOptions,
                        java.util.Map<String, String> env, PrintStream log) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.iovasim.cli.Main"));
        cmd.addAll(args);
        cmd.addAll(List.of("--node-name", tag, PARENT_PID_FLAG, Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        Thread pump = new Thread(() -> pump(p, tag, log), "iovasim-" + tag + "-output");
        pump.setDaemon(true);
        synchronized (this) {
            children.add(p);
            pumps.add(pump);
        }
        pump.start();
    }

    private static void pump(Process p, String tag, PrintStream log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) log.println("[" + tag + "] " + line);
        } catch (IOException e) {
            // the child is gone; its exit status tells the rest
        }
    }

    public synchronized List<Process> processes() {
        return List.copyOf(children);
    }

    @Override
    public void close() {
        stopAll();
        drainOutput();
        synchronized (this) {
            if (!closed) {
                closed = true;
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is running
                }
            }
        }
    }

    /** A stopped child's last lines (its figures, why it ended) still reach the log before we go on. */
    private void drainOutput() {
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(pumps);
        }
        long deadline = System.currentTimeMillis() + DRAIN_MS;
        for (Thread t : all) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void stopAll() {
        for (Process p : children) p.destroy();
        awaitExits(children, STOP_GRACE_MS, true);
    }

    /** Waits up to {@code waitMs} for the children to leave by themselves (told to stop), then {@link #close}s. */
    public void close(long waitMs) {
        awaitExits(processes(), waitMs, false);
        close();
    }

    /** Waits up to {@code waitMs} in all for each process to exit; with {@code force} one still running is killed. */
    private static void awaitExits(List<Process> processes, long waitMs, boolean force) {
        long deadline = System.currentTimeMillis() + waitMs;
        for (Process p : processes) {
            try {
                long left = Math.max(1, deadline - System.currentTimeMillis());
                if (!p.waitFor(left, TimeUnit.MILLISECONDS) && force) p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!force) return;
                p.destroyForcibly();
            }
        }
    }

    /**
     * In a child: exits this JVM with {@code status} soon after the process {@code parentPid} is
     * gone (the parent was killed without a chance to stop us), after running {@code last}.
     */
    public static void exitWithParent(long parentPid, int status, Runnable last) {
        Thread t = new Thread(() -> {
            ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("iovasim: parent process " + parentPid + " is gone; exiting");
            last.run();
            System.out.flush();
            Runtime.getRuntime().halt(status);
        }, "iovasim-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
