package dev.iovasim.allocator.conformance;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tukaani.xz.XZInputStream;

/**
 * The conformance set: traces and the outputs the kernel's own iova.c gives for them, stored
 * xz-compressed on the test classpath under {@code conformance/} (allocator's test resources; the
 * actors module gets them through the allocator test-jar). {@code conformance/MANIFEST.tsv} lists
 * the checks; {@code conformance/README.md} says what the files are.
 */
public final class ConformanceSet {
    static final String DIR = "/conformance/";
    public static final String MANIFEST = "MANIFEST.tsv";

    private ConformanceSet() {
    }

    /** A stored file, decompressed when its name ends in {@code .xz}. */
    public static InputStream open(String name) throws IOException {
        InputStream raw = ConformanceSet.class.getResourceAsStream(DIR + name);
        if (raw == null) throw new FileNotFoundException("conformance set: no " + name + " in conformance/ on the test classpath");
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        return name.endsWith(".xz") ? new XZInputStream(in) : in;
    }

    public static byte[] bytes(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    public static List<String> lines(String name) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.US_ASCII))) {
            for (String l; (l = r.readLine()) != null; ) out.add(l);
        }
        return out;
    }

    /** The first {@code maxLines} lines of a stored file, each ending in a newline. */
    public static byte[] head(String name, int maxLines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.US_ASCII))) {
            String l;
            for (int n = 0; n < maxLines && (l = r.readLine()) != null; n++) {
                out.write(l.getBytes(StandardCharsets.US_ASCII));
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /**
     * Decompresses a stored file into {@code dir} (named without {@code .xz}), for code under test
     * that takes a path: the CLI and {@code trace:} workloads read plain or gzip files only.
     */
    public static Path extract(String name, Path dir) {
        Path file = dir.resolve(name.endsWith(".xz") ? name.substring(0, name.length() - 3) : name);
        try (InputStream in = open(name)) {
            Files.copy(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException("conformance set: cannot extract " + name + " to " + file, e);
        }
        return file;
    }

    /** Every line of the manifest, pending ones included. */
    public static List<ConformanceCheck> checks() {
        List<ConformanceCheck> out = new ArrayList<>();
        try {
            List<String> lines = lines(MANIFEST);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isBlank() || l.startsWith("#")) continue;
                out.add(ConformanceCheck.parse(i + 1, l));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The checks to run now: the manifest without its pending lines. */
    public static List<ConformanceCheck> runnable() {
        return checks().stream().filter(c -> !c.pending()).toList();
    }

    /** The runnable check of a trace ({@code c1-basic}) under exactly these replay arguments. */
    public static ConformanceCheck check(String trace, String args) {
        return runnable().stream()
                .filter(c -> c.traceName().equals(trace) && String.join(" ", c.args()).equals(args))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "conformance set: " + MANIFEST + " runs no check of " + trace + " with '" + args + "'"));
    }
}
