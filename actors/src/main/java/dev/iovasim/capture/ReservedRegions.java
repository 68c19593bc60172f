package dev.iovasim.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code /sys/kernel/iommu_groups/N/reserved_regions}: one {@code START END TYPE} line per
 * region, both addresses {@code 0x%016llx} and END inclusive (iommu.c's
 * {@code iommu_group_show_resv_regions}). Each becomes the {@code [lo, hi]} pfn pair that
 * {@code iova_reserve_iommu_regions} (dma-iommu.c) hands to {@code reserve_iova}.
 */
public final class ReservedRegions {
    /**
     * Where arm-smmu puts its software-managed MSI window ({@code MSI_IOVA_BASE}, 1 MiB). The DMA
     * layer does not reserve that one (it allocates MSI pages in it itself), but sysfs prints it
     * as plain "msi" like a hardware MSI region, so it is told apart by its address.
     */
    static final long SW_MSI_BASE = 0x8000000L;
    static final long SW_MSI_LENGTH = 0x100000L;

    private ReservedRegions() {
    }

    /**
     * A malformed line throws a {@link CaptureException} with its line number (the caller names
     * the file: it is not the capture's).
     *
     * @param name  file name for the notes
     * @param notes receives a line for each region left out
     * @return {@code [lo, hi]} pfn pairs in file order
     */
    public static List<long[]> read(BufferedReader in, String name, int shift, Consumer<String> notes)
            throws IOException, CaptureException {
        List<long[]> out = new ArrayList<>();
        String line;
        long lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] w = t.split("\\s+");
            if (w.length != 3) throw new CaptureException(lineNo, "expected 'START END TYPE'", line);
            long start;
            long end;
            try {
                start = FtraceReader.number(w[0], 0, w[0].length());
                end = FtraceReader.number(w[1], 0, w[1].length());
            } catch (NumberFormatException e) {
                throw new CaptureException(lineNo, "bad address", line);
            }
            if (Long.compareUnsigned(start, end) > 0) throw new CaptureException(lineNo, "START above END", line);
            if (w[2].equals("msi") && start == SW_MSI_BASE && end == SW_MSI_BASE + SW_MSI_LENGTH - 1) {
                notes.accept(name + ": line " + lineNo + ": left out the software MSI window at 0x8000000"
                        + " (the DMA layer manages it and does not reserve it)");
                continue;
            }
            out.add(new long[] {start >>> shift, end >>> shift});
        }
        return out;
    }
}
