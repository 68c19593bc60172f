package dev.iovasim.cli;

/** Range checks of parsed flag values; a value out of range is a usage error naming the flag. */
final class Check {
    private Check() {
    }

    static long in(String flag, long v, long min, long max) {
        if (v < min || v > max) {
            throw new UsageException(flag + ": must be " + (max == Long.MAX_VALUE ? "at least " + min : "in " + min + ".." + max)
                    + ", got " + v);
        }
        return v;
    }
}
