package dev.iovasim.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import dev.iovasim.actors.FanOutShape;
import dev.iovasim.actors.FanOutCatalogue;
import dev.iovasim.actors.RunLimits;
import dev.iovasim.allocator.Policy;
import dev.iovasim.allocator.workload.WorkloadCatalogue;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One node's settings, from the packaged {@code <role>.conf} (which includes {@code common.conf}),
 * the environment variables those files name, an optional {@code --config} file, and flags, each
 * later source overriding the earlier; an empty value counts as unset. Every {@code iovasim.*}
 * key is checked: an unknown key or a bad value is refused with an error naming where the value
 * came from: the flag ({@code --seed-node: ...}), the environment variable ({@code IOVASIM_SEED: ...})
 * or the key, in a file ({@code iovasim.seed: ...}).
 */
public record NodeSettings(Role role, String nodeName, String seedHost, int seedPort, String host, int port,
                           Integer metricsPort, String metricsHost, boolean metricsPerCpu, long holdMetrics,
                           int cpuNodes, int cpus, Policy policy, String workload, long ops, long randomSeed,
                           FanOutShape fanout, Duration joinTimeout, Duration askTimeout, Duration linkDelay, Config config) {

    public enum Role { TREE, CPUS }

    /** The node command's flag of each key whose flag is not {@code --KEY} (its {@code --seed} is the workload's). */
    public static final Map<String, String> FLAG_OF = Map.of("seed", "--seed-node", "random-seed", "--seed");
    /** The origin of the values {@link #load} is given as flags. */
    private static final String FLAGS = "flags";
    /** How Typesafe Config describes the origin of a value substituted from the environment. */
    private static final String ENVIRONMENT = "env variables";

    /**
     * @param role      tree or cpus: which packaged file to start from
     * @param file      a {@code --config} file read over it, or null
     * @param overrides {@code iovasim.*} keys (without the prefix) given as flags
     */
    public static NodeSettings load(String role, Path file, Map<String, Object> overrides) {
        if (!role.equals("tree") && !role.equals("cpus")) {
            throw new IllegalArgumentException("iovasim.role: expected 'tree' or 'cpus', got '" + role + "'");
        }
        Config packaged = ConfigFactory.parseResources(role + ".conf", ConfigParseOptions.defaults().setAllowMissing(false));
        Config layered = packaged;
        if (file != null) {
            File f = file.toFile();
            if (!f.isFile()) throw new IllegalArgumentException("--config: no such file: " + file);
            try {
                layered = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false)).withFallback(packaged);
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--config " + file + ": " + e.getMessage(), e);
            }
        }
        Config flags = ConfigFactory.parseMap(overrides, FLAGS).atPath("iovasim");
        Config effective = resolve(flags.withFallback(layered), true);
        Config defaults = resolve(packaged, false).getConfig("iovasim");
        checkKeys(effective.getConfig("iovasim"), defaults);
        Config full = effective.withFallback(ConfigFactory.defaultReference()).resolve();
        return from(new Values(full.getConfig("iovasim"), defaults), full);
    }

    private static Config resolve(Config c, boolean environment) {
        try {
            return c.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(environment));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config: " + e.getMessage(), e);
        }
    }

    /** The valid keys are those the packaged files set (each has a default there). */
    private static void checkKeys(Config iovasim, Config packaged) {
        Set<String> valid = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : packaged.entrySet()) valid.add(e.getKey());
        for (Map.Entry<String, ConfigValue> e : iovasim.entrySet()) {
            if (!valid.contains(e.getKey())) {
                throw new IllegalArgumentException("iovasim." + e.getKey() + ": unknown config key (valid: "
                        + String.join(", ", valid) + ")");
            }
        }
    }

    private static NodeSettings from(Values v, Config full) {
        Role role = v.string("role").equals("tree") ? Role.TREE : Role.CPUS;
        String host = v.string("host").isEmpty() ? localHost(InetAddress::getHostAddress, "127.0.0.1") : v.string("host");
        String seed = v.string("seed");
        int colon = seed.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException(v.where("seed") + ": expected HOST:PORT, got '" + seed + "'");
        int seedPort = (int) v.parse("seed", seed.substring(colon + 1), 1, 65535);
        String nodeName = v.string("node-name").isEmpty() ? v.string("role") + "-" + localHost(InetAddress::getHostName, "localhost")
                : v.string("node-name");
        Integer metricsPort = v.string("metrics-port").isEmpty() ? null : (int) v.longIn("metrics-port", 0, 65535);
        Policy policy = v.policy();
        String workload = v.string("workload");
        v.keyed("workload", () -> WorkloadCatalogue.byName(workload));
        FanOutShape fanout = v.keyed("fanout", () -> FanOutCatalogue.of(v.string("fanout")));
        // a missing key file is the user's error now, not Artery's failure to start later
        if (!v.string(TlsKeys.KEY).isEmpty()) v.keyed(TlsKeys.KEY, () -> TlsKeys.akkaConfig(Path.of(v.string(TlsKeys.KEY))));
        return new NodeSettings(role, nodeName, seed.substring(0, colon), seedPort, host,
                (int) v.longIn("port", 0, 65535), metricsPort, v.string("metrics-host").isEmpty() ? host : v.string("metrics-host"), v.bool("metrics-per-cpu"),
                v.longIn("hold-metrics", 0, Long.MAX_VALUE), (int) v.longIn("cpu-nodes", 1, 64),
                (int) v.longIn("cpus", 1, RunLimits.MAX_CPUS), policy, workload, v.longIn("ops", 1, RunLimits.MAX_OPS),
                v.longIn("random-seed", Long.MIN_VALUE, Long.MAX_VALUE), fanout, v.duration("join-timeout"),
                v.duration("ask-timeout"), v.keyed("link-delay", () -> NodePlacement.duration(v.string("link-delay"))), full);
    }

    /** What {@code part} says of this host, or {@code otherwise} when the host has no known address. */
    private static String localHost(Function<InetAddress, String> part, String otherwise) {
        try {
            return part.apply(InetAddress.getLocalHost());
        } catch (UnknownHostException e) {
            return otherwise;
        }
    }

    /** Typed reads of {@code iovasim.*}, empty meaning the packaged default, errors naming where the value came from. */
    private record Values(Config c, Config defaults) {
        /** Where {@code key}'s value was given: its flag, its environment variable, else the key (a file's). */
        String where(String key) {
            String origin = c.hasPath(key) ? c.getValue(key).origin().description() : "";
            if (origin.equals(FLAGS)) return FLAG_OF.getOrDefault(key, "--" + key);
            // common.conf names IOVASIM_KEY beside each key (KEY in capitals, '-' as '_')
            if (origin.startsWith(ENVIRONMENT)) return "IOVASIM_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
            return "iovasim." + key;
        }

        /** {@code value.get()}, a refusal of it re-thrown naming where the value came from ({@link #where}). */
        <T> T keyed(String key, Supplier<T> value) {
            try {
                return value.get();
            } catch (IllegalArgumentException e) {
                // a message that names the key already (TlsKeys'): named once
                String own = "iovasim." + key + ": ";
                String why = e.getMessage().startsWith(own) ? e.getMessage().substring(own.length()) : e.getMessage();
                throw new IllegalArgumentException(where(key) + ": " + why, e);
            }
        }

        String string(String key) {
            try {
                String s = c.getString(key).strip();
                if (s.isEmpty() && defaults.hasPath(key)) return defaults.getString(key).strip();
                return s;
            } catch (ConfigException e) {
                throw new IllegalArgumentException(where(key) + ": " + e.getMessage(), e);
            }
        }

        long longIn(String key, long min, long max) {
            return parse(key, string(key), min, max);
        }

        long parse(String key, String s, long min, long max) {
            long n;
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(key) + ": expected an integer, got '" + s + "'", e);
            }
            if (n < min || n > max) throw new IllegalArgumentException(where(key) + ": must be in " + min + ".." + max + ", got " + n);
            return n;
        }

        boolean bool(String key) {
            String s = string(key);
            if (s.equals("true") || s.equals("on") || s.equals("yes")) return true;
            if (s.equals("false") || s.equals("off") || s.equals("no")) return false;
            throw new IllegalArgumentException(where(key) + ": expected true or false, got '" + s + "'");
        }

        Duration duration(String key) {
            try {
                return c.getDuration(key);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(where(key) + ": expected a duration like 30s, got '"
                        + c.getValue(key).unwrapped() + "'", e);
            }
        }

        Policy policy() {
            Policy p = keyed("policy", () -> Policy.byName(string("policy")));
            String size = string("magazine-size");
            return size.isEmpty() ? p : p.withMagazineSize((int) parse("magazine-size", size, 1, 1 << 16));
        }
    }

    /** The Akka part of the configuration, with this node's address (and TLS, with {@code iovasim.tls-dir}). */
    public Config akkaConfig() {
        Config own = ConfigFactory.parseMap(Map.of(
                "akka.remote.artery.canonical.hostname", host,
                "akka.remote.artery.canonical.port", port));
        // the directory of the deployment's TLS keys ({@link TlsKeys}), or empty for plain TCP
        String tls = config.getString("iovasim." + TlsKeys.KEY);
        if (!tls.isEmpty()) own = own.withFallback(TlsKeys.akkaConfig(Path.of(tls)));
        return own.withFallback(config);
    }
}
