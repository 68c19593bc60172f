package dev.iovasim.allocator.engine;

import java.util.BitSet;

/**
 * The CPUs that take the devices' completion interrupts ({@code --irq-cpus 0-15}): a map runs on
 * the CPU that submits it, its unmap on the IRQ CPU that takes the completion. Submitting CPU
 * {@code c} completes on the {@code c mod n}-th IRQ CPU of the list in ascending order, as a
 * driver with one queue per CPU spreads its queues' vectors over the CPUs allowed to take them.
 */
public final class IrqCpus {
    private final int[] cpus;
    private final String text;

    private IrqCpus(int[] cpus, String text) {
        this.cpus = cpus;
        this.text = text;
    }

    /**
     * Parses a CPU list such as {@code 0-15} or {@code 0-3,8,12-13} for a machine of
     * {@code machineCpus} CPUs. Errors say which item is wrong and why.
     */
    public static IrqCpus parse(String list, int machineCpus) {
        if (list == null || list.isBlank()) throw new IllegalArgumentException("expected a CPU list such as 0-15 or 0-3,8, got ''");
        BitSet set = new BitSet();
        for (String item : list.split(",", -1)) {
            String t = item.strip();
            int dash = t.indexOf('-');
            int lo = number(dash < 0 ? t : t.substring(0, dash), t);
            int hi = dash < 0 ? lo : number(t.substring(dash + 1), t);
            if (lo > hi) throw new IllegalArgumentException("'" + t + "': the range runs backwards");
            if (hi >= machineCpus) {
                throw new IllegalArgumentException("'" + t + "': CPU " + hi + " does not exist (CPUs are 0.." + (machineCpus - 1) + ")");
            }
            int dup = set.nextSetBit(lo);
            if (dup >= 0 && dup <= hi) throw new IllegalArgumentException("'" + t + "': CPU " + dup + " is listed twice");
            set.set(lo, hi + 1);
        }
        return new IrqCpus(set.stream().toArray(), list.strip());
    }

    private static int number(String s, String item) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + item + "': '" + s.strip() + "' is not a CPU number");
        }
    }

    /** The IRQ CPU that completes what {@code submitter} mapped. */
    public int completionCpu(int submitter) {
        return cpus[submitter % cpus.length];
    }

    /** The list as given, for reports. */
    @Override
    public String toString() {
        return text;
    }
}
