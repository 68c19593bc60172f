package dev.iovasim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version line of {@code iovasim --version}: the Maven version and git commit the jar was
 * built from, as the build wrote them into {@value #RESOURCE} and {@value #COMMIT}.
 */
public final class Version implements IVersionProvider {
    static final String RESOURCE = "/iovasim-build.properties";
    static final String COMMIT = "/iovasim-commit.txt";
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        return new String[] {line(read())};
    }

    static String line(Properties build) {
        return "iovasim " + value(build, "version") + " (commit " + value(build, "commit") + "), Java "
                + System.getProperty("java.version");
    }

    /** A filled-in value; a placeholder left by a build without git (or a missing key) is unknown. */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        try (InputStream in = Version.class.getResourceAsStream(COMMIT)) {
            if (in != null) p.setProperty("commit", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COMMIT, e);
        }
        return p;
    }
}
