package dev.iovasim.allocator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The registry of policy switches that {@code --set KEY=VALUE} overrides one at a time: one entry
 * per switch, with its allowed values, its help line and how it changes a {@link Policy}. The CLI's
 * help lists the switches from here, and {@link Policy#byName} reads overrides back from a name.
 */
public final class PolicySwitches {

    /**
     * @param key    the name after {@code --set}
     * @param values the allowed values, as the help and errors show them
     * @param help   what the switch decides, one line
     * @param apply  the policy with this switch set to a value already checked against {@code values}
     *               (numbers are parsed by {@code apply}, which throws on a bad one)
     */
    public record Switch(String key, String values, String help, BiFunction<Policy, String, Policy> apply) {
    }

    private static final String ON_OFF = "on|off";

    private static final List<Switch> ALL = List.of(
            new Switch("sac", "always|sticky",
                    "the DMA layer's 32-bit (SAC) attempt: on every map (before v6.4) or per device until its first failure (v6.4+)",
                    (p, v) -> with(p, b -> b.sac = v.equals("always") ? Policy.SacRule.ALWAYS : Policy.SacRule.STICKY)),
            new Switch("forcedac", ON_OFF,
                    "iommu.forcedac=1: no map tries a 32-bit address first (as --forcedac, without its kernel check)",
                    (p, v) -> with(p, b -> b.forceDac = on(v))),
            new Switch("depot", "array|list",
                    "the depot: a 32-magazine array, or the 6.7+ list with newest-first drain and delayed trim",
                    (p, v) -> with(p, b -> {
                        boolean list = v.equals("list");
                        b.depotLimit = list ? Policy.UNBOUNDED : Policy.ARRAY_DEPOT;
                        b.newestFirst = list;
                        b.trim = list;
                    })),
            new Switch("depot-limit", "N|unbounded",
                    "magazines per size class the depot keeps (only the bound; see 'depot' for the list's other rules)",
                    (p, v) -> with(p, b -> b.depotLimit = v.equals("unbounded") ? Policy.UNBOUNDED
                            : number("depot-limit", v, 0, 1 << 20))),
            new Switch("magazine-size", "N",
                    "pfns per magazine, 1..65536 (the policy's name says -magN)",
                    (p, v) -> p.withMagazineSize(number("magazine-size", v, 1, 1 << 16))),
            new Switch("search", "legacy|cached-nodes|modern",
                    "the tree search generation: v4.14, v4.15, or v5.x+ (max32_alloc_size and the retry)",
                    (p, v) -> with(p, b -> b.search = switch (v) {
                        case "legacy" -> Policy.Search.LEGACY;
                        case "cached-nodes" -> Policy.Search.CACHED_NODES;
                        default -> Policy.Search.MODERN;
                    })),
            new Switch("caller-flush", ON_OFF,
                    "alloc_iova_fast's flush argument exists (v4.15+); off: every failed tree allocation flushes",
                    (p, v) -> with(p, b -> b.callerFlush = on(v))),
            new Switch("flush-drains-depot", ON_OFF,
                    "a flush also frees the depot's magazines (free_global_cached_iovas)",
                    (p, v) -> with(p, b -> b.drainsDepot = on(v))),
            new Switch("depot-order", "array|newest-first",
                    "the order a flush drains the depot in",
                    (p, v) -> with(p, b -> b.newestFirst = v.equals("newest-first"))),
            new Switch("depot-trim", ON_OFF,
                    "the 6.7+ delayed depot trim (runs on the virtual clock only)",
                    (p, v) -> with(p, b -> b.trim = on(v))),
            new Switch("pop", "top|any",
                    "the magazine pop: newest entry only (before v4.15) or the newest that fits the limit",
                    (p, v) -> with(p, b -> b.topOnly = v.equals("top"))),
            new Switch("invalidation", Invalidation.words(),
                    "unmap: free at once (iommu.strict=1), or through per-CPU flush queues (256 entries, 10 ms), or one"
                            + " 32768-entry queue (1 s, the 2023 single queue) freed after a batched IOTLB flush",
                    (p, v) -> with(p, b -> b.invalidation = Invalidation.of(v))),
            new Switch("rcache-classes", "N",
                    "size classes the rcache covers, 1.." + SizeClass.MAX_CACHED_CLASSES + " (6 in every kernel: 1..32 pages; 10: up to"
                            + " 512 pages, John Garry's unmerged 2022 proposal); reference engine only",
                    (p, v) -> with(p, b -> b.rcacheClasses = number("rcache-classes", v, 1, SizeClass.MAX_CACHED_CLASSES))));

    private PolicySwitches() {
    }

    public static List<Switch> all() {
        return ALL;
    }

    /** One line per switch for help texts. */
    public static List<String> help() {
        return ALL.stream().map(s -> s.key() + "=" + s.values() + ": " + s.help()).toList();
    }

    /**
     * {@code policy} with the override {@code KEY=VALUE}; its name gains {@code +KEY=VALUE} unless
     * the override changes nothing. Errors name the key and its valid values.
     */
    public static Policy apply(Policy policy, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("'" + keyValue + "' is not KEY=VALUE (keys: " + keys() + ")");
        }
        String key = keyValue.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = keyValue.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
        Switch s = byKey(key);
        if (!s.values().contains("N") && !List.of(s.values().split("\\|")).contains(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a value of " + key + " (valid: " + s.values() + ")");
        }
        Policy changed = s.apply().apply(policy, value);
        if (changed.sameBehaviour(policy)) return policy;
        // magazine-size keeps its historical -magN name, which withMagazineSize already wrote
        if (key.equals("magazine-size")) return changed;
        // a key set again replaces its earlier value in the name (linux-6.7+invalidation=lazy, then
        // invalidation=strict: linux-6.7), so that a name says each switch once
        String without = withoutKey(policy.name(), key);
        if (!without.equals(policy.name()) && Policy.byName(without).sameBehaviour(changed)) return changed.named(without);
        return changed.named(without + "+" + key + "=" + value);
    }

    /** {@code name} without its {@code +key=...} part, if it has one (the preset's name comes first and stays). */
    private static String withoutKey(String name, String key) {
        String[] parts = name.split("\\+", -1);
        return parts[0] + Arrays.stream(parts).skip(1).filter(p -> !p.startsWith(key + "=")).map(p -> "+" + p)
                .collect(Collectors.joining());
    }

    public static Switch byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown switch '" + key + "' (valid: " + keys() + ")"));
    }

    private static String keys() {
        return String.join(", ", ALL.stream().map(Switch::key).toList());
    }

    private static boolean on(String v) {
        return v.equals("on");
    }

    private static int number(String key, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a value of " + key + " (valid: a number in " + min + ".." + max + ")");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    /** A policy's switches as mutable fields, so each entry changes only what it names. */
    private static final class Builder {
        int depotLimit;
        Policy.Search search;
        boolean callerFlush;
        boolean drainsDepot;
        boolean newestFirst;
        boolean topOnly;
        boolean trim;
        Policy.SacRule sac;
        boolean forceDac;
        Invalidation invalidation;
        int rcacheClasses;

        Builder(Policy p) {
            depotLimit = p.depotLimit();
            search = p.search();
            callerFlush = p.callerChoosesFlush();
            drainsDepot = p.flushDrainsDepot();
            newestFirst = p.depotFlushNewestFirst();
            topOnly = p.topOnlyPop();
            trim = p.depotTrim();
            sac = p.sac();
            forceDac = p.forceDac();
            invalidation = p.invalidation();
            rcacheClasses = p.rcacheClasses();
        }
    }

    private static Policy with(Policy p, java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(p);
        change.accept(b);
        return new Policy(p.name(), p.magazineSize(), b.depotLimit, b.search, b.callerFlush, b.drainsDepot,
                b.newestFirst, b.topOnly, b.trim, b.sac, b.forceDac, b.invalidation, b.rcacheClasses);
    }
}
