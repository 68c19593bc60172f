package dev.iovasim.actors;

import java.time.Duration;

/**
 * How the actor engine runs, not what it simulates.
 *
 * @param askTimeout   the longest any single request may wait for its answer
 * @param runTimeout   the longest a free-running run may take as a whole
 * @param opsPerRun    workload operations a CPU actor runs per self-message before yielding the
 *                     thread to other actors
 * @param throughput   messages an actor handles before its dispatcher thread moves on
 * @param threads      dispatcher threads of a one-JVM machine; 0 leaves Akka's default (8 or more).
 *                     One thread gives the lowest fan-out latency on a small machine (no hand-off
 *                     between threads); more give free-running runs more parallelism. The default
 *                     is one per core: Akka's floor of 8 puts four threads on each core of a
 *                     2-core machine, and a flush storm then spends its time parking and waking
 *                     them (simulate's linux-4.14 actor run: 18.1 s wall, 8.5 s of it in the
 *                     kernel, against 11.4 s and 2.1 s with 2 threads; 2026-12-05, 2 vCPUs)
 */
public record EngineSettings(Duration askTimeout, Duration runTimeout, int opsPerRun, int throughput, int threads) {
    public EngineSettings {
        if (opsPerRun < 1) throw new IllegalArgumentException("opsPerRun must be at least 1, got " + opsPerRun);
        if (throughput < 1) throw new IllegalArgumentException("throughput must be at least 1, got " + throughput);
        if (threads < 0) throw new IllegalArgumentException("threads must be 0 or more, got " + threads);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofSeconds(30), Duration.ofMinutes(30), 64, 20,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public EngineSettings withAskTimeout(Duration d) {
        return new EngineSettings(d, runTimeout, opsPerRun, throughput, threads);
    }

    public EngineSettings withThreads(int n) {
        return new EngineSettings(askTimeout, runTimeout, opsPerRun, throughput, n);
    }
}
