package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A flag that means the same in several commands is defined once (a mixin), so it reads the same
 * in each: a copy that drifts from the others fails here. {@code node} is left out: its flags are
 * its settings' keys, each naming the IOVASIM_ variable that also sets it.
 */
class SharedFlagsTest {
    private static final List<String> SHARED = List.of("--search", "--invalidation", "--magazine-size", "--check-every",
            "--forcedac", "--arch", "--interval", "--timeseries", "--link-delay", "--node-hosts", "--tls");

    @Test
    void aSharedFlagHasOneTypeDefaultAndHelpText() {
        for (String flag : SHARED) {
            Map<String, String> seen = new TreeMap<>();
            for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
                OptionSpec o = sub.getCommandSpec().findOption(flag);
                if (o == null || sub.getCommandName().equals("node")) continue;
                seen.put(sub.getCommandName(), o.type().getName() + " | " + o.defaultValue() + " | " + String.join(" ", o.description()));
            }
            assertTrue(seen.size() >= 2, flag + ": taken by " + seen.keySet() + " only, so not shared");
            assertEquals(1, new HashSet<>(seen.values()).size(), flag + " differs between commands: " + seen);
        }
    }

    /** The flag of each mixin below, and every command that takes it (the others' flag of that name is another one). */
    private static Map<Class<?>, String> flags() {
        Map<Class<?>, String> m = new LinkedHashMap<>();
        m.put(PolicyOptions.class, "--policy");
        m.put(JsonOption.class, "--json");
        m.put(SeedOption.class, "--seed");
        m.put(LinkDelayOption.class, "--link-delay");
        m.put(SearchOption.class, "--search");
        m.put(InvalidationOption.class, "--invalidation");
        return m;
    }

    private static Map<Class<?>, Set<String>> takers() {
        Map<Class<?>, Set<String>> m = new LinkedHashMap<>();
        Set<String> engines = Set.of("simulate", "replay", "bench", "dma-map-benchmark", "flushbench");
        m.put(PolicyOptions.class, engines);
        m.put(JsonOption.class, Set.of("simulate", "flushbench"));
        m.put(SeedOption.class, Set.of("simulate", "bench", "dma-map-benchmark"));
        m.put(LinkDelayOption.class, Set.of("simulate", "replay", "flushbench", "node"));
        m.put(SearchOption.class, Set.of("simulate", "replay", "bench", "dma-map-benchmark"));
        m.put(InvalidationOption.class, Set.of("simulate", "replay", "dma-map-benchmark"));
        return m;
    }

    /** Every mixin of {@code spec}, its mixins' mixins included, by class, with the options it declares. */
    private static void mixins(CommandSpec spec, Map<Class<?>, List<OptionSpec>> into) {
        for (CommandSpec m : spec.mixins().values()) {
            into.computeIfAbsent(m.userObject().getClass(), k -> new java.util.ArrayList<>()).addAll(m.options());
            mixins(m, into);
        }
    }

    @Test
    void eachSharedFlagComesFromItsMixinInEveryCommandThatTakesIt() {
        Map<Class<?>, Set<String>> got = new LinkedHashMap<>();
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            Map<Class<?>, List<OptionSpec>> mixed = new LinkedHashMap<>();
            mixins(sub.getCommandSpec(), mixed);
            for (var e : flags().entrySet()) {
                OptionSpec o = sub.getCommandSpec().findOption(e.getValue());
                if (o == null) continue;
                // the command's option is the very one the mixin declares, not a copy written again
                if (mixed.getOrDefault(e.getKey(), List.of()).contains(o)) {
                    got.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(sub.getCommandName());
                }
            }
        }
        for (var e : takers().entrySet()) {
            assertEquals(new TreeSet<>(e.getValue()), got.get(e.getKey()), e.getKey().getSimpleName() + ": the commands that mix it in");
        }
    }

    /** --json and --link-delay share their sentence; each command adds only its own clause (FlagHelp). */
    @Test
    void aSharedSentenceLeadsEveryCommandsHelp() {
        Map<String, String> lead = Map.of("--json", "Also write the figures here as JSON",
                "--link-delay", "one-way delay each node adds in user space to every message it receives");
        for (var e : lead.entrySet()) {
            int with = 0;
            for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
                OptionSpec o = sub.getCommandSpec().findOption(e.getKey());
                if (o == null || o.type() == boolean.class) continue;
                assertTrue(String.join(" ", o.description()).contains(e.getValue()), sub.getCommandName() + " " + e.getKey());
                with++;
            }
            assertTrue(with >= 2, e.getKey() + ": " + with + " commands");
        }
    }
}
