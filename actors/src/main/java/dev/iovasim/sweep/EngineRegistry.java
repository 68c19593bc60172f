package dev.iovasim.sweep;

import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.allocator.engine.ReferenceEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The engines a sweep can drive, by their {@code --engine} name. The command asks
 * {@link #builtin()} for its registry; an engine becomes available by registering its runner
 * there.
 */
public final class EngineRegistry implements AutoCloseable {
    private final Map<String, PointRunner> runners = new LinkedHashMap<>();

    /** The engines this build has: the same ones {@code simulate --engine} runs. */
    public static EngineRegistry builtin() {
        return new EngineRegistry()
                .register(ReferenceEngine.NAME, new EngineRunner(ReferenceEngine::new, 1))
                .register(ActorsEngine.NAME, new ClusterPointRunner(System.err));
    }

    public EngineRegistry register(String engine, PointRunner runner) {
        runners.put(engine, runner);
        return this;
    }

    /** Stops what runners keep between points (a cluster's JVMs). */
    @Override
    public void close() {
        for (PointRunner r : runners.values()) {
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("sweep: stopping a runner: " + e.getMessage());
                }
            }
        }
    }

    public Set<String> engines() {
        return runners.keySet();
    }

    /**
     * One runner for the whole plan, dispatching each point to its engine's runner, after
     * checking every point: an engine this build lacks, or a point its runner refuses, throws
     * {@link IllegalArgumentException} naming the flag.
     */
    public PointRunner forPlan(SweepPlan plan) {
        for (String e : plan.engines()) {
            if (!runners.containsKey(e)) {
                throw new IllegalArgumentException("--engine " + e + ": not available in this build (available: "
                        + String.join(", ", runners.keySet()) + ")");
            }
        }
        for (SweepPoint p : plan.points()) runners.get(p.engine()).check(p);
        return p -> runners.get(p.engine()).run(p);
    }
}
