package dev.iovasim.actors;

import java.time.Duration;

/**
 * The driver's wait, at a time series' barrier and at a free-running run's end, until the unmaps
 * the CPUs sent to IRQ CPUs ({@link CpuFlushQueue.Completion}) have run: across JVMs such an unmap
 * may arrive after any question asked of its CPU, so the CPUs are asked their counts until the
 * sums agree. None sends another meanwhile (held at the barrier, or its workload ended).
 */
final class Settling {
    private Settling() {
    }

    /**
     * Asks every CPU still there (each answers between operations) until every unmap sent has
     * run; with CPUs lost with their node, what was sent to them never runs, so then until the
     * count that ran stops moving. Returns the operations the CPUs still there have completed
     * (a lost CPU's went with it, as they go from the run's report).
     *
     * @param what names the wait in the timeout's message
     */
    static long untilRan(Machine m, String what) {
        long deadline = System.nanoTime() + m.settings().runTimeout().toNanos();
        long lastRan = -1;
        while (true) {
            boolean lost = m.lostCpus().length > 0;
            // a count is answered after the completions already in the CPU's mailbox, each a
            // queue_iova round trip to the clock actor: an IRQ CPU's backlog may outlast an ask
            // timeout, so the ask waits as long as the run may
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), m.settings().askTimeout().toNanos()));
            long ops = 0;
            long sent = 0;
            long ran = 0;
            for (IntervalHold.Held h : m.askEveryCpu(IntervalHold.Settle::new, "completion counts", left)) {
                ops += h.ops();
                sent += h.sent();
                ran += h.ran();
            }
            if (sent == ran || (lost && ran == lastRan)) return ops;
            if (System.nanoTime() - deadline > 0) {
                throw new EngineTimeout(what + " did not settle: " + sent + " unmaps sent to IRQ CPUs, " + ran + " ran", null);
            }
            lastRan = ran;
            try {
                // with CPUs lost, a count that stopped moving must have outlasted a message in flight
                Thread.sleep(lost ? 5 : 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineTimeout("interrupted while " + what + " settled", e);
            }
        }
    }
}
