package dev.iovasim.allocator;

import java.util.Arrays;
import java.util.Locale;

/**
 * When an unmapped IOVA may be reused: at once (strict) or after a batched IOTLB flush (lazy,
 * the flush queue). The queue sizes and timeouts are the kernel's:
 * {@code IOVA_FQ_SIZE} / {@code IOVA_FQ_TIMEOUT} in {@code drivers/iommu/iova.c} (v4.14 - v5.16),
 * then {@code drivers/iommu/dma-iommu.c} (v5.17+), which later (2023) also got the single large queue
 * ({@code IOVA_SINGLE_FQ_SIZE}, {@code IOVA_SINGLE_FQ_TIMEOUT}) for IOMMUs whose flushes are
 * expensive ({@code shadow_on_flush}).
 */
public enum Invalidation {
    /** {@code iommu.strict=1}: every unmap flushes the IOTLB and frees its IOVA at once. */
    STRICT("strict", 0, 0),
    /** Lazy mode with one queue per CPU: 256 slots, 10 ms timer. */
    LAZY("lazy", 256, 10),
    /** Lazy mode with one queue for all CPUs ({@code IOMMU_DMA_OPTS_SINGLE_QUEUE}, 2023): 32768 slots, 1 s timer. */
    LAZY_SINGLE("lazy-single", 32768, 1000);

    private final String word;
    private final int slots;
    private final long timeoutMs;

    Invalidation(String word, int slots, long timeoutMs) {
        this.word = word;
        this.slots = slots;
        this.timeoutMs = timeoutMs;
    }

    /** The word the CLI, the trace header and policy names use. */
    public String word() {
        return word;
    }

    /**
     * Ring slots of one queue. As in the kernel's {@code fq_full}, a ring is full when its tail is
     * one slot behind its head, so it holds one entry fewer than this.
     */
    public int slots() {
        return slots;
    }

    public long timeoutNanos() {
        return timeoutMs * 1_000_000L;
    }

    public boolean lazy() {
        return this != STRICT;
    }

    public boolean singleQueue() {
        return this == LAZY_SINGLE;
    }

    /** The mode called {@code word}; the error lists the valid words. */
    public static Invalidation of(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(i -> i.word.equals(w)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown invalidation mode '" + word + "' (valid: " + words() + ")"));
    }

    public static String words() {
        return "strict|lazy|lazy-single";
    }
}
