package dev.iovasim.cli;

import dev.iovasim.actors.ActorsEngine;
import dev.iovasim.allocator.engine.Engine;
import dev.iovasim.allocator.engine.ReferenceEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The engines {@code --engine} can name; the first is the default. */
final class Engines {
    private static final Map<String, Supplier<Engine>> ENGINES = new LinkedHashMap<>();

    static {
        ENGINES.put(ActorsEngine.NAME, ActorsEngine::new);
        ENGINES.put(ReferenceEngine.NAME, ReferenceEngine::new);
    }

    private Engines() {
    }

    static Engine byName(String name) {
        Supplier<Engine> e = ENGINES.get(name);
        if (e == null) throw new UsageException("--engine: unknown engine '" + name + "' (valid: " + names() + ")");
        return e.get();
    }

    static String names() {
        return String.join(", ", ENGINES.keySet());
    }

    static java.util.List<String> all() {
        return java.util.List.copyOf(ENGINES.keySet());
    }
}
