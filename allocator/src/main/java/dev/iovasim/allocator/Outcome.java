package dev.iovasim.allocator;

/** Where an allocation was served from. Plain ints so the hot path does not allocate. */
public final class Outcome {
    public static final int CPU_HIT = 0;
    public static final int DEPOT_HIT = 1;
    public static final int TREE = 2;
    public static final int FAILED = 3;
    public static final int COUNT = 4;

    private static final String[] NAMES = {"rcache", "depot", "tree", "failed"};

    private Outcome() {
    }

    public static String name(int outcome) {
        return NAMES[outcome];
    }

    public static boolean isHit(int outcome) {
        return outcome == CPU_HIT || outcome == DEPOT_HIT;
    }
}
