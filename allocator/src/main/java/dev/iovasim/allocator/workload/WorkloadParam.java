package dev.iovasim.allocator.workload;

/**
 * One tunable of a workload, as written after its name: {@code nic:remote=0.3,ring=512}.
 *
 * @param key          the name used in the spec
 * @param defaultValue the value when the spec does not set it, as text
 * @param min          the smallest accepted value
 * @param max          the largest accepted value
 * @param integer      whether only whole numbers are accepted
 * @param help         one line for {@code --help} and the notes
 */
public record WorkloadParam(String key, String defaultValue, double min, double max, boolean integer, String help) {
    /** A probability or share, 0..1. */
    public static WorkloadParam fraction(String key, double def, String help) {
        return new WorkloadParam(key, Double.toString(def), 0, 1, false, help);
    }

    /** A whole number in {@code min..max}. */
    public static WorkloadParam count(String key, long def, long min, long max, String help) {
        return new WorkloadParam(key, Long.toString(def), min, max, true, help);
    }
}
