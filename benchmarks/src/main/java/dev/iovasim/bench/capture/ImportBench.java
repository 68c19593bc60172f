package dev.iovasim.bench.capture;

import dev.iovasim.capture.CaptureFormat;
import dev.iovasim.capture.CaptureInput;
import dev.iovasim.capture.ImportSettings;
import dev.iovasim.capture.Importer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.iovasim.bench.ThroughputBench;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code iovasim import}'s speed on one core: events per second from capture text (already in
 * memory, so the disk is not measured) to trace lines (written to a discarding writer). The
 * target is at least one million events a second.
 */
public class ImportBench extends ThroughputBench {
    static final int EVENTS = 500_000;

    private byte[] capture;

    @Setup
    public void generate() throws IOException {
        StringWriter w = new StringWriter(EVENTS * 140);
        SyntheticCapture.write(EVENTS, w);
        capture = w.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Importer.Summary importEvents() throws Exception {
        ImportSettings s = new ImportSettings(4096, 64, 0, 0, false, ImportSettings.DEFAULT_SG_WINDOW_NANOS, null);
        try (BufferedReader in = CaptureInput.open(new ByteArrayInputStream(capture))) {
            Importer importer = new Importer(s, OutputStream.nullOutputStream(), List.of(), List.of(), w -> { });
            return importer.run(CaptureFormat.FTRACE.reader(in, importer.problems()), lines -> { });
        }
    }
}
