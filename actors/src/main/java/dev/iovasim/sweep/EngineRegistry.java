package dev.iovasim.sweep;

import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.ReferenceEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The engines {@code --engine} can name: one catalogue ({@link #all()}) that {@code simulate},
 * {@code replay}, {@code sweep}, their help texts, the docs table and the tests read. An engine
 * is one {@link Entry}: its name, a line saying what it is, the engine and the runner a sweep
 * drives it with. A registry instance is one sweep's set of runners ({@link #builtin()}).
 */
public final class EngineRegistry implements AutoCloseable {

    /**
     * @param name    the {@code --engine} name
     * @param summary what it is, one line (the docs table in docs/architecture.md repeats it)
     * @param engine  a fresh engine per run
     * @param runner  what runs a sweep point on it (a new one per sweep: it may keep JVMs)
     */
    public record Entry(String name, String summary, Supplier<Engine> engine, Supplier<PointRunner> runner) {
    }

    private static final List<Entry> CATALOGUE = List.of(
            new Entry(ReferenceEngine.NAME, "every CPU in one thread, a seeded interleaving: deterministic",
                    ReferenceEngine::new, () -> new EngineRunner(ReferenceEngine::new, 1)),
            new Entry(ActorsEngine.NAME, "one Akka actor per CPU, free-running; a flush is a real fan-out, measured",
                    ActorsEngine::new, () -> new ClusterPointRunner(System.err)));

    private final Map<String, PointRunner> runners = new LinkedHashMap<>();

    /** Every engine of this build, the default ({@code reference}) first. */
    public static List<Entry> all() {
        return CATALOGUE;
    }

    /** The names, sorted: the order simulate's and replay's help and messages list them in. */
    public static List<String> sortedNames() {
        return CATALOGUE.stream().map(Entry::name).sorted().toList();
    }

    /**
     * A fresh engine called {@code name}; an unknown name throws {@link IllegalArgumentException}
     * naming the flag and the valid names.
     */
    public static Engine engine(String name) {
        return CATALOGUE.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--engine: unknown engine '" + name + "' (valid: " + String.join(", ", sortedNames()) + ")")).engine().get();
    }

    /** A registry with every engine's runner: the one a sweep uses. */
    public static EngineRegistry builtin() {
        EngineRegistry r = new EngineRegistry();
        for (Entry e : CATALOGUE) r.register(e.name(), e.runner().get());
        return r;
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
