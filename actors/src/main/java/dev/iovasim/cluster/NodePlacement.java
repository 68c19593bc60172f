package dev.iovasim.cluster;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the JVMs of a one-command cluster run: the tree node's (this JVM's) address, and for each
 * cpu node its address and, optionally, the network namespace it is started in
 * ({@code ip netns exec NETNS java ...}, which needs root); plus the user-space link delay every
 * node adds to what it receives ({@link LinkDelay}).
 */
public record NodePlacement(String treeHost, List<Host> cpuHosts, Duration linkDelay) {
    public static final String LOOPBACK = "127.0.0.1";

    /** A cpu node's address, and its network namespace or null (this one's). */
    public record Host(String netns, String address) {
        /** The command prefix that starts a process in the namespace: none without one. */
        public List<String> launcher() {
            return netns == null ? List.of() : List.of("ip", "netns", "exec", netns);
        }
    }

    /** Every node on 127.0.0.1, no delay: {@code --nodes N} alone. */
    public static NodePlacement loopback(int nodes) {
        List<Host> cpus = new ArrayList<>();
        for (int i = 1; i < nodes; i++) cpus.add(new Host(null, LOOPBACK));
        return new NodePlacement(LOOPBACK, cpus, Duration.ZERO);
    }

    /**
     * @param list  null (all on 127.0.0.1) or {@code nodes} comma-separated {@code [NETNS@]ADDRESS},
     *              the tree node's first (it has no NETNS: it is this JVM, started where it runs)
     * @param delay null or a duration such as {@code 100us} or {@code 1ms}
     * @throws IllegalArgumentException naming what is wrong
     */
    public static NodePlacement parse(String list, String delay, int nodes) {
        Duration d = delay == null ? Duration.ZERO : duration(delay);
        if (list == null) return new NodePlacement(LOOPBACK, loopback(nodes).cpuHosts(), d);
        String[] entries = list.split(",", -1);
        if (entries.length != nodes) {
            throw new IllegalArgumentException("expected " + nodes + " entries (one per JVM, the tree node's first), got "
                    + entries.length + " in '" + list + "'");
        }
        List<Host> hosts = new ArrayList<>();
        for (String e : entries) {
            String s = e.strip();
            int at = s.indexOf('@');
            String ns = at < 0 ? null : s.substring(0, at);
            String addr = s.substring(at + 1);
            if (addr.isEmpty() || (ns != null && !ns.matches("[A-Za-z0-9_.-]+"))) {
                throw new IllegalArgumentException("expected [NETNS@]ADDRESS, got '" + s + "'");
            }
            hosts.add(new Host(ns, addr));
        }
        if (hosts.get(0).netns() != null) {
            throw new IllegalArgumentException("the first entry is this JVM (the tree node): run the command in "
                    + hosts.get(0).netns() + " instead ('ip netns exec " + hosts.get(0).netns() + " ...'), got '" + entries[0].strip() + "'");
        }
        return new NodePlacement(hosts.get(0).address(), List.copyOf(hosts.subList(1, hosts.size())), d);
    }

    /** HOCON's durations (as the node's iovasim.link-delay), within 0..10s. */
    static Duration duration(String s) {
        Duration d;
        try {
            d = ConfigFactory.parseString("d = \"" + s.replace("\"", "") + "\"").getDuration("d");
        } catch (ConfigException e) {
            throw new IllegalArgumentException("expected a duration such as 100us or 1ms, got '" + s + "'", e);
        }
        if (d.isNegative() || d.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("must be in 0..10s, got '" + s + "'");
        }
        return d;
    }

    /** The flag value that gives a node the same delay. */
    public String linkDelayFlag() {
        return linkDelay.toNanos() + "ns";
    }
}
