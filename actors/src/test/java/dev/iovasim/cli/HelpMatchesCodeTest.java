package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import dev.iovasim.sweep.EngineRegistry;
import dev.iovasim.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every --help says what the code does: its options, the names it accepts, its exit statuses. */
class HelpMatchesCodeTest {
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Pattern PRESET = Pattern.compile("linux-\\d+\\.\\d+");

    /** Every command of the tree, by its full name ("iovasim", "iovasim simulate", ...). */
    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        collect(Main.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, Map<String, CommandLine> into) {
        into.put(cl.getCommandSpec().qualifiedName(), cl);
        for (CommandLine sub : cl.getSubcommands().values()) collect(sub, into);
    }

    private static String help(CommandLine cl) {
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static boolean namedAfterAnotherCommand(String text, int flagAt, String self) {
        String before = text.substring(0, flagAt).stripTrailing();
        for (String other : Main.commandLine().getSubcommands().keySet()) {
            if (!self.equals("iovasim " + other) && before.endsWith(" " + other)) return true;
        }
        return false;
    }

    @Test
    void everyOptionIsInItsHelpAndEveryFlagInHelpIsAnOption() {
        for (var e : commands().entrySet()) {
            CommandLine cl = e.getValue();
            String text = help(cl);
            Set<String> known = new TreeSet<>();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                known.addAll(List.of(o.names()));
                if (o.hidden()) continue;
                assertTrue(text.contains(o.longestName()), e.getKey() + " --help lacks " + o.longestName() + ":\n" + text);
            }
            Matcher m = FLAG.matcher(text);
            while (m.find()) {
                // a flag named right after another command ("replay --compare-kernel") is that command's
                if (namedAfterAnotherCommand(text, m.start(), e.getKey())) continue;
                assertTrue(known.contains(m.group()), e.getKey() + " --help names " + m.group() + ", which it does not take");
            }
        }
    }

    @Test
    void everyPresetNamedInHelpIsAPresetTheCodeAccepts() {
        Set<String> presets = Set.copyOf(dev.iovasim.allocator.Presets.names());
        for (var e : commands().entrySet()) {
            Matcher m = PRESET.matcher(help(e.getValue()));
            while (m.find()) {
                assertTrue(presets.contains(m.group()), e.getKey() + " --help names preset " + m.group() + ", not one of " + presets);
            }
        }
    }

    /** A catalogue's names and how the code checks one. */
    private record Catalogue(List<String> names, Consumer<String> accepts) {
    }

    private static Map<Class<?>, Catalogue> catalogues() {
        Map<Class<?>, Catalogue> c = new LinkedHashMap<>();
        c.put(CompletionCandidates.Presets.class, new Catalogue(dev.iovasim.allocator.Presets.names(), Policy::byName));
        c.put(CompletionCandidates.WorkloadNames.class, new Catalogue(WorkloadCatalogue.all().stream().map(WorkloadCatalogue.Entry::name).toList(),
                WorkloadCatalogue::byName));
        c.put(CompletionCandidates.SimulateEngines.class, new Catalogue(EngineRegistry.sortedNames(), EngineRegistry::engine));
        try (EngineRegistry builtin = EngineRegistry.builtin()) {
            c.put(CompletionCandidates.SweepEngines.class, new Catalogue(List.copyOf(builtin.engines()), name -> {
                try (EngineRegistry r = EngineRegistry.builtin()) {
                    r.forPlan(new SweepPlan(Map.of("cpus", "2", "nodes", "1", "policy", "linux-6.1", "workload", "sac-pressure",
                            "engine", name, "fanout", "direct", "ops", "10", "repeat", "1", "seed", "1")));
                }
            }));
        }
        c.put(CompletionCandidates.FanOuts.class, new Catalogue(
                FanOutCatalogue.names(), FanOutCatalogue::of));
        c.put(CompletionCandidates.Arches.class, new Catalogue(
                java.util.Arrays.stream(dev.iovasim.allocator.Arch.values()).map(dev.iovasim.allocator.Arch::word).toList(),
                dev.iovasim.allocator.Arch::of));
        c.put(CompletionCandidates.Searches.class, new Catalogue(List.of("gap", "linear"), name -> {
            SearchOption search = new SearchOption();
            search.text = name;
            search.gaps();
        }));
        // import's --format: the catalogue, or its default "auto" (detect)
        c.put(CompletionCandidates.CaptureFormats.class, new Catalogue(
                java.util.Arrays.stream(dev.iovasim.capture.CaptureFormat.values()).map(dev.iovasim.capture.CaptureFormat::id).toList(),
                v -> {
                    if (!v.equals("auto") && dev.iovasim.capture.CaptureFormat.byId(v) == null) throw new IllegalArgumentException(v);
                }));
        return c;
    }

    @Test
    void listedNamesAreTheCataloguesAndEachIsAccepted() {
        Map<Class<?>, Catalogue> catalogues = catalogues();
        int checked = 0;
        for (var e : commands().entrySet()) {
            String text = help(e.getValue()).replaceAll("\\s+", " ");
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                Iterable<String> listed = o.completionCandidates();
                if (listed == null || o.hidden()) continue;
                List<String> names = StreamSupport.stream(listed.spliterator(), false).toList();
                Catalogue c = catalogues.entrySet().stream().filter(x -> x.getKey().isInstance(listed)).map(Map.Entry::getValue)
                        .findFirst().orElse(null);
                if (c == null) {
                    fail(e.getKey() + " " + o.longestName() + ": names from " + listed.getClass() + ", which no catalogue check covers");
                }
                assertEquals(c.names(), names, e.getKey() + " " + o.longestName());
                // listed inline ("of: a, b"), or one "name: summary" line each (--fanout's, from its catalogue)
                boolean inline = text.contains(String.join(", ", names));
                boolean byLine = names.stream().allMatch(n -> text.contains(" " + n + ": "));
                assertTrue(inline || byLine, e.getKey() + " " + o.longestName() + " --help lacks " + names);
                for (String n : names) c.accepts().accept(n);
                checked++;
            }
        }
        assertTrue(checked >= 10, "only " + checked + " options list names");
    }

    @Test
    void everyFanoutHelpSaysEachShapeAsTheCatalogueDoes() {
        Map<String, CommandLine> withFanout = new LinkedHashMap<>();
        for (var e : commands().entrySet()) {
            if (e.getValue().getCommandSpec().findOption("--fanout") != null) withFanout.put(e.getKey(), e.getValue());
        }
        withFanout.put("soak", new CommandLine(new dev.iovasim.soak.Soak()));
        assertEquals(Set.of("iovasim simulate", "iovasim replay", "iovasim flushbench", "iovasim sweep", "iovasim node", "soak"),
                withFanout.keySet());
        for (var e : withFanout.entrySet()) {
            String text = help(e.getValue()).replaceAll("\\s+", " ");
            for (String line : FanOutCatalogue.help()) {
                assertTrue(text.contains(line.replaceAll("\\s+", " ")), e.getKey() + " --fanout lacks '" + line + "':\n" + text);
            }
        }
    }

    @Test
    void everyDefaultShownIsAccepted() {
        for (var e : commands().entrySet()) {
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                if (o.completionCandidates() == null || o.defaultValue() == null) continue;
                Catalogue c = catalogues().entrySet().stream().filter(x -> x.getKey().isInstance(o.completionCandidates()))
                        .map(Map.Entry::getValue).findFirst().orElseThrow();
                for (String v : o.defaultValue().split(",")) c.accepts().accept(v.strip());
            }
        }
        // the single-policy commands' help states their fallback
        String replay = help(commands().get("iovasim replay"));
        assertTrue(replay.contains("Default: " + Policy.DEFAULT.name() + "."), replay);
    }

    @Test
    void theCommandListShowsWholeSentences() {
        String top = help(Main.commandLine());
        for (var e : commands().entrySet()) {
            CommandLine.Model.UsageMessageSpec u = e.getValue().getCommandSpec().usageMessage();
            String[] summary = u.header().length > 0 ? u.header() : u.description();
            if (e.getKey().equals("iovasim") || e.getKey().equals("iovasim help")) continue;
            assertEquals(1, summary.length, e.getKey() + ": a one-line header");
            assertTrue(summary[0].endsWith("."), e.getKey() + ": summary '" + summary[0] + "' is not a whole sentence");
            String flat = top.replaceAll("\\s+", " ");
            assertTrue(flat.contains(summary[0].replaceAll("\\s+", " ")), "iovasim --help cuts " + e.getKey() + "'s summary:\n" + top);
        }
    }

    @Test
    void everyHelpEndsWithTheExitStatuses() {
        for (var e : commands().entrySet()) {
            String text = help(e.getValue());
            int at = text.indexOf("Exit status:");
            assertTrue(at >= 0, e.getKey() + " --help has no exit statuses");
            List<String> codes = new ArrayList<>();
            for (String line : text.substring(at).split("\\R")) {
                Matcher m = Pattern.compile("^  (\\d+) ").matcher(line);
                if (m.find()) codes.add(m.group(1));
            }
            assertEquals(List.of("0", "1", "2", "3", "4"), codes, e.getKey());
        }
        assertFalse(ExitCodes.meanings().isEmpty());
    }
}
