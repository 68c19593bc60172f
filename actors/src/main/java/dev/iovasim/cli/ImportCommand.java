package dev.iovasim.cli;

import dev.iovasim.allocator.DomainConfig;
import dev.iovasim.progress.Progress;
import dev.iovasim.capture.CaptureEvent;
import dev.iovasim.capture.CaptureException;
import dev.iovasim.capture.CaptureFormat;
import dev.iovasim.capture.CaptureInput;
import dev.iovasim.capture.CaptureReader;
import dev.iovasim.capture.ImportSettings;
import dev.iovasim.capture.Importer;
import dev.iovasim.capture.ReservedRegions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iovasim import}: a kernel IOMMU trace capture into a trace (docs/import.md). */
@Command(name = "import", mixinStandardHelpOptions = true,
        header = "Converts a kernel capture of iommu:map and iommu:unmap trace events into a trace for replay.",
        description = {"Converts a kernel capture of the iommu:map and iommu:unmap trace events (text of trace-cmd report,"
                + " /sys/kernel/tracing/trace or trace_pipe; plain, gzip, xz or zstd) into a trace for replay.",
                "Each operation keeps the kernel's pfn as a '# kernel pfn 0x...' comment, which replay --compare-kernel"
                        + " compares with the simulated pfns. Warnings and a summary go to standard error."})
public final class ImportCommand implements Callable<Integer> {
    /** An hour: a window beyond it coalesces nothing more in any capture. */
    static final long MAX_SG_WINDOW_US = 3_600_000_000L;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "The capture file, or - for standard input.")
    String capture;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", converter = OutputFile.class,
            description = "Write the trace here instead of standard output (.gz, .xz, .zst compress).")
    Path output;

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "auto",
            description = "Capture format: auto (detect) or one of the catalogue: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = CompletionCandidates.CaptureFormats.class)
    String format;

    @Option(names = "--granule", paramLabel = "BYTES", defaultValue = "4096", converter = WholeNumber.class,
            description = "IOVA granule (the domain's smallest page size), a power of two in " + DomainConfig.MIN_GRANULE + ".."
                    + DomainConfig.MAX_GRANULE + ". Default: ${DEFAULT-VALUE}.")
    long granule;

    @Option(names = "--dma-mask-bits", paramLabel = "N", defaultValue = "64", converter = WholeNumber.class,
            description = "The device's DMA mask width, " + ImportSettings.MIN_BITS + ".." + ImportSettings.MAX_BITS
                    + ". Above 32: 'map' operations (the DMA layer tries below 4 GiB"
                    + " first); 32 or less: 'alloc' with that limit. Default: ${DEFAULT-VALUE}.")
    long dmaMaskBits;

    @Option(names = "--aperture-bits", paramLabel = "N", defaultValue = "0", converter = WholeNumber.class,
            description = "Cap the limit at the domain's aperture, " + ImportSettings.MIN_BITS + ".." + ImportSettings.MAX_BITS
                    + " (e.g. 48 for a 4-level VT-d table); 0: no cap. Default: ${DEFAULT-VALUE}.")
    long apertureBits;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "0", converter = WholeNumber.class,
            description = "CPUs of the trace's domain, 1.." + DomainConfig.MAX_CPUS + ". Default: the capture's header (cpus=, #P:),"
                    + " else a first pass over the file for the highest CPU seen; standard input without a header needs it.")
    long cpus;

    @Option(names = "--reserved", paramLabel = "FILE",
            description = "A copy of /sys/kernel/iommu_groups/N/reserved_regions: each region becomes a 'reserve' line.")
    Path reserved;

    @Option(names = "--device", paramLabel = "NAME",
            description = "Keep only this device's mappings (e.g. 0000:c2:00.0), known from the dma:dma_map_*/dma_alloc* events"
                    + " (v6.x) or a vendor kernel's dev= field; every known device is written as dev=NAME either way.")
    String device;

    @Option(names = "--strict", description = "Stop at the first malformed line (exit 2) instead of counting it.")
    boolean strict;

    // the default is the importer's (picocli shows the field's initial value)
    @Option(names = "--sg-window-us", paramLabel = "US", converter = WholeNumber.class,
            description = "Abutting map events on one CPU further apart than this are not one scatter-gather mapping, 0.."
                    + MAX_SG_WINDOW_US + ". Default: ${DEFAULT-VALUE}.")
    long sgWindowMicros = ImportSettings.DEFAULT_SG_WINDOW_NANOS / 1000;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        ImportSettings settings = settings();
        if (!format.equals("auto") && CaptureFormat.byId(format) == null) {
            throw new UsageException("--format: expected auto or one of " + CaptureFormat.ids() + ", got '" + format + "'");
        }
        if (!capture.equals(InputFile.STDIN)) OutputFile.refuseInput("--output", output, InputFile.existing(null, capture), "the input file");
        if (reserved != null) OutputFile.refuseInput("--output", output, InputFile.existing("--reserved", reserved.toString()), "the --reserved file");
        try {
            List<long[]> reserves = reserved == null ? List.of() : readReserved(settings, err);
            if (settings.cpus() == 0 && !capture.equals("-")) settings = settings.withCpus(Importer.domainCpus(firstPass()));
            try (BufferedReader in = CaptureInput.open(open(), source()); OutputFile.Written out = OutputFile.open(output)) {
                CaptureFormat f = chooseFormat(in);
                List<String> comments = List.of("imported by iovasim import from " + source()
                        + " (format " + f.id() + ", dma mask " + dmaMaskBits + " bits"
                        + (apertureBits > 0 ? ", aperture " + apertureBits + " bits" : "") + ")");
                Importer importer = new Importer(settings, out, reserves, comments, w -> err.println("warning: " + w));
                CaptureReader reader = f.reader(in, importer.problems());
                Importer.Summary s;
                try (Progress status = Progress.open("import", 0, "lines", 1, err)) {
                    s = importer.run(reader, status::stepTo);
                }
                out.keep(); // else (--strict stopped at a malformed line, a corrupt capture) -o's partial trace is removed
                summary(s, err);
            }
            return ExitCodes.OK;
        } catch (CaptureException e) {
            err.println("error: " + source() + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /**
     * The settings the flags give, each flag checked first and named (the record's own checks,
     * which guard a caller that builds one, do not name flags).
     */
    private ImportSettings settings() {
        if (!DomainConfig.isGranule(granule)) {
            throw new UsageException("--granule: must be a power of two in " + DomainConfig.MIN_GRANULE + ".." + DomainConfig.MAX_GRANULE
                    + ", got " + granule);
        }
        int mask = (int) Check.in("--dma-mask-bits", dmaMaskBits, ImportSettings.MIN_BITS, ImportSettings.MAX_BITS);
        if (apertureBits != 0 && (apertureBits < ImportSettings.MIN_BITS || apertureBits > ImportSettings.MAX_BITS)) {
            throw new UsageException("--aperture-bits: must be 0 (no cap) or in " + ImportSettings.MIN_BITS + ".." + ImportSettings.MAX_BITS
                    + ", got " + apertureBits);
        }
        if (cpus < 0 || cpus > DomainConfig.MAX_CPUS) {
            throw new UsageException("--cpus: must be in 1.." + DomainConfig.MAX_CPUS + " (or 0: the capture's), got " + cpus);
        }
        long windowNanos = Check.in("--sg-window-us", sgWindowMicros, 0, MAX_SG_WINDOW_US) * 1000;
        // what the checks above leave to the record is --device's rule
        return UsageException.refusing("--device", () -> new ImportSettings(granule, mask, (int) apertureBits, (int) cpus, strict,
                windowNanos, device));
    }

    private CaptureFormat chooseFormat(BufferedReader in) throws IOException, CaptureException {
        if (!format.equals("auto")) return CaptureFormat.byId(format);
        CaptureFormat f = CaptureFormat.detect(CaptureInput.sample(in));
        if (f == null) {
            throw new CaptureException(0, "not a capture format iovasim knows (" + CaptureFormat.ids()
                    + "); name one with --format if it is", "");
        }
        return f;
    }

    /**
     * The CPU count from the capture itself: its header if it has one, else the highest CPU of
     * its events plus one. Costs a read of the file, which standard input does not allow.
     */
    private int firstPass() throws IOException, CaptureException {
        try (BufferedReader in = CaptureInput.open(open(), source())) {
            CaptureFormat f = chooseFormat(in);
            CaptureReader r = f.reader(in, (lineNo, why, text) -> { });
            CaptureEvent e = new CaptureEvent();
            int max = -1;
            while (r.next(e)) {
                if (r.cpusFromHeader() > 0) return r.cpusFromHeader();
                max = Math.max(max, e.cpu());
            }
            return r.cpusFromHeader() > 0 ? r.cpusFromHeader() : max + 1;
        }
    }

    private List<long[]> readReserved(ImportSettings s, PrintStream err) throws IOException, CaptureException {
        try (BufferedReader in = Files.newBufferedReader(reserved, StandardCharsets.ISO_8859_1)) {
            return ReservedRegions.read(in, reserved.toString(), s.shift(), n -> err.println("note: " + n));
        } catch (CaptureException e) {
            // the regions file's line, not the capture's
            throw new UsageException(reserved + ": " + e.getMessage());
        }
    }

    private static void summary(Importer.Summary s, PrintStream err) {
        err.printf(Locale.ROOT, "import: %,d lines, %,d map and %,d unmap events -> %,d allocations (%,d map events"
                        + " coalesced into scatter-gather mappings), %,d frees%n",
                s.lines(), s.maps(), s.unmaps(), s.allocations(), s.coalesced(), s.frees());
        err.printf(Locale.ROOT, "import: %,d unmaps without a map, %,d maps held at the end, %,d events not from the"
                        + " DMA API, %,d unmaps of another size, %,d malformed lines%n",
                s.unmatchedFrees(), s.heldAtEnd(), s.foreign(), s.partialUnmaps(), s.malformed());
        if (s.otherDevice() + s.noDevice() > 0) {
            err.printf(Locale.ROOT, "import: --device left out %,d mappings of other devices and %,d of no known device%n",
                    s.otherDevice(), s.noDevice());
        }
        if (s.unmaps() > 0) {
            err.println("note: each unmap event was taken as the free of its IOVA; in lazy mode (iommu.strict=0, the"
                    + " default of many distributions) the kernel frees it later, when the flush queue drains");
        }
    }

    /** The capture's bytes, as they are: {@link CaptureInput#open} decompresses them. */
    private InputStream open() throws IOException {
        return capture.equals(InputFile.STDIN) ? System.in : Files.newInputStream(InputFile.existing(null, capture));
    }

    /** The capture as messages name it. */
    private String source() {
        return capture.equals(InputFile.STDIN) ? "standard input" : capture;
    }
}
