package dev.iovasim.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * How a cluster run's CPUs are spread over its cpu nodes (each a contiguous range, in host order)
 * and which ranges went with their node: whoever waits for a CPU's answer can stop waiting at its
 * loss. The loss comes from the cluster's event listener, the questions from the driver's thread.
 */
final class HostRanges {
    private final int[] first;
    private final int[] count;
    private final boolean[] lost;
    /** Per host, completed when it is lost. */
    private final List<CompletableFuture<Void>> gone = new ArrayList<>();

    HostRanges(int hosts, int cpus) {
        first = new int[hosts];
        count = new int[hosts];
        lost = new boolean[hosts];
        for (int h = 0; h < hosts; h++) {
            first[h] = (int) ((long) h * cpus / hosts);
            count[h] = (int) ((long) (h + 1) * cpus / hosts) - first[h];
            gone.add(new CompletableFuture<>());
        }
    }

    int first(int host) {
        return first[host];
    }

    int count(int host) {
        return count[host];
    }

    /** Whether the host's CPUs (it has some) were lost with it. */
    synchronized boolean lost(int host) {
        return lost[host];
    }

    /** The host left the cluster: true the first time, if it has CPUs ({@link #signalLost} follows). */
    synchronized boolean markLost(int host) {
        if (count[host] == 0 || lost[host]) return false;
        lost[host] = true;
        return true;
    }

    /** Ends the waits for the host's CPUs, once the run's actors have been told of the loss. */
    void signalLost(int host) {
        gone.get(host).complete(null);
    }

    /** Completes when {@code cpu} is lost with its host. */
    CompletableFuture<Void> gone(int cpu) {
        int h = 0;
        while (cpu >= first[h] + count[h]) h++;
        return gone.get(h);
    }

    /** The lost CPUs, in CPU order. */
    synchronized int[] lostCpus() {
        return IntStream.range(0, first.length).filter(h -> lost[h]).flatMap(h -> IntStream.range(first[h], first[h] + count[h]))
                .toArray();
    }
}
