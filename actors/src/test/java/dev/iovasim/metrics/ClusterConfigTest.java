package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The compose cluster's files, validated without a Docker engine: the tools' own checkers when
 * installed (Debian packages docker-compose and prometheus; with CI=true a missing one fails),
 * and the contract between them: environment variables and the metrics port.
 */
class ClusterConfigTest {
    private static final Path ROOT = ProjectFiles.root();
    private static final Pattern ENV_NAME = Pattern.compile("\\bIOVASIM_[A-Z0-9_]+\\b");

    @Test
    void composeFileIsValid() throws Exception {
        run("docker-compose", "docker-compose", "-f", "docker-compose.yml", "config", "-q");
    }

    @Test
    void prometheusConfigIsValid() throws Exception {
        run("prometheus", "promtool", "check", "config", "node-config/prometheus.yml");
    }

    @Test
    void everyVariableComposeSetsIsDocumentedInTheImageAndTheNotes() throws IOException {
        Set<String> image = envNames(ROOT.resolve("node-config/Dockerfile"));
        Set<String> compose = envNames(ROOT.resolve("docker-compose.yml"));
        // these choose images, host ports and the nodes' JVM flags (as JAVA_TOOL_OPTIONS) for the
        // compose file itself; no node reads them
        Set<String> composeOnly = Set.of("IOVASIM_JRE_IMAGE", "IOVASIM_IMAGE", "IOVASIM_TREE_METRICS_PORT",
                "IOVASIM_NODE_JAVA_OPTIONS");
        String composeDoc = Files.readString(ROOT.resolve("docs/compose.md"));
        for (String v : composeOnly) {
            assertTrue(compose.contains(v), "docker-compose.yml no longer reads " + v + ": drop it here");
            assertTrue(composeDoc.contains(v), "docs/compose.md does not explain " + v);
        }
        compose.removeAll(composeOnly);
        Set<String> notes = envNames(ROOT.resolve("docs/metrics-notes.md"));
        assertTrue(image.containsAll(List.of("IOVASIM_ROLE", "IOVASIM_SEED", "IOVASIM_PORT", "IOVASIM_METRICS_PORT",
                "IOVASIM_CPU_NODES", "IOVASIM_CPUS", "IOVASIM_POLICY", "IOVASIM_WORKLOAD", "IOVASIM_OPS", "IOVASIM_FANOUT")), image.toString());
        assertTrue(image.containsAll(compose), "compose sets variables the image does not document: " + minus(compose, image));
        assertEquals(image, notes, "docs/metrics-notes.md and node-config/Dockerfile list different variables");
    }

    @Test
    void prometheusScrapesThePortTheNodesServe() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("node-config/Dockerfile"));
        Matcher m = Pattern.compile("IOVASIM_METRICS_PORT=(\\d+)").matcher(dockerfile);
        assertTrue(m.find(), "the image sets IOVASIM_METRICS_PORT");
        String port = m.group(1);
        String prom = Files.readString(ROOT.resolve("node-config/prometheus.yml"));
        assertTrue(prom.contains("'tree:" + port + "'"), "the tree node is scraped on " + port);
        assertTrue(Pattern.compile("names: \\['cpus'\\]\\s+type: A\\s+port: " + port).matcher(prom).find(),
                "the cpus replicas are found by DNS (type A) and scraped on " + port);
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertTrue(compose.contains("IOVASIM_METRICS_PORT: \"" + port + "\""), "compose keeps the image's metrics port");
        assertTrue(compose.contains("127.0.0.1:${IOVASIM_TREE_METRICS_PORT:-" + port + "}:" + port),
                "the tree's metrics reach the host's loopback (on " + port + " unless moved)");
    }

    private static Set<String> envNames(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_NAME.matcher(Files.readString(file));
        while (m.find()) names.add(m.group());
        return names;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** Runs a checker from the project root; absent, it is skipped, or fails under CI=true. */
    private static void run(String debianPackage, String... command) throws IOException, InterruptedException {
        if (!onPath(command[0])) {
            String why = command[0] + " is not installed (apt-get install -y --no-install-recommends " + debianPackage + ")";
            if ("true".equals(System.getenv("CI"))) fail(why);
            Assumptions.abort(why);
        }
        Path log = Files.createTempFile("iovasim-check", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), String.join(" ", command) + " says:\n" + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
