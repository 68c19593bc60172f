package dev.iovasim.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iovasim.metrics.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml's safe defaults, read from the file (no engine needed): loopback-only
 * ports, pinned images, non-root users, Grafana opt-in, read-only for anonymous visitors and
 * without a default admin password.
 */
class ComposeDefaultsTest {
    private static final Path ROOT = ProjectFiles.root();

    private static String compose() throws Exception {
        return Files.readString(ROOT.resolve("docker-compose.yml"));
    }

    @Test
    void everyPublishedPortBindsToLoopback() throws Exception {
        List<String> ports = new ArrayList<>();
        Matcher block = Pattern.compile("(?m)^( +)ports:\\n((?:\\1 +- .*\\n)+)").matcher(compose());
        while (block.find()) block.group(2).lines().map(l -> l.strip().substring(2)).forEach(ports::add);
        assertEquals(3, ports.size(), "tree, prometheus, grafana publish a port each: " + ports);
        for (String p : ports) assertTrue(p.startsWith("\"127.0.0.1:"), "published beyond loopback: " + p);
    }

    @Test
    void publicImagesArePinnedByVersion() throws Exception {
        List<String> images = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^ +image: (.+)$").matcher(compose());
        while (m.find()) images.add(m.group(1).strip());
        Matcher arg = Pattern.compile("JRE_IMAGE: (.+)").matcher(compose());
        assertTrue(arg.find(), "the node image's JRE base is a build argument");
        images.add(arg.group(1).strip());
        Matcher dockerfileArg = Pattern.compile("(?m)^ARG JRE_IMAGE=(\\S+)$")
                .matcher(Files.readString(ROOT.resolve("node-config/Dockerfile")));
        assertTrue(dockerfileArg.find(), "node-config/Dockerfile takes its base as ARG JRE_IMAGE");
        images.add(dockerfileArg.group(1));
        assertEquals(5, images.size(), images.toString());
        for (String image : images) {
            // ${VARIABLE:-default}: the default is what users get
            String name = image.replaceAll("^\\$\\{[A-Z_]+:-(.*)}$", "$1");
            if (image.startsWith("${IOVASIM_IMAGE:-")) continue; // built here from the jar, never pulled
            Matcher tag = Pattern.compile("^[a-z0-9./-]+:([A-Za-z0-9._-]+)$").matcher(name);
            assertTrue(tag.find(), "no tag: " + image);
            assertTrue(tag.group(1).matches("v?\\d+\\.\\d+\\.\\d+.*"), "not pinned to a version: " + image);
        }
    }

    @Test
    void containersRunAsNonRootUsers() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("node-config/Dockerfile"));
        assertTrue(Pattern.compile("(?m)^USER iovasim$").matcher(dockerfile).find(), "the node image drops root");
        Matcher users = Pattern.compile("(?m)^    user: \"(\\d+):(\\d+)\"$").matcher(compose());
        int n = 0;
        while (users.find()) {
            n++;
            assertFalse(users.group(1).equals("0"), "a service runs as root");
        }
        assertEquals(2, n, "prometheus and grafana name their users");
    }

    @Test
    void grafanaIsOptInReadOnlyForAnonymousAndHasNoDefaultPassword() throws Exception {
        String c = compose();
        String grafana = c.substring(c.indexOf("\n  grafana:"));
        assertTrue(grafana.contains("profiles: [\"grafana\"]"), "Grafana only with --profile grafana");
        assertTrue(grafana.contains("GF_AUTH_ANONYMOUS_ORG_ROLE: Viewer"), "anonymous visitors are viewers");
        assertTrue(grafana.contains("GF_SECURITY_ADMIN_PASSWORD: ${GF_ADMIN_PASSWORD:-}"), "the password is the user's");
        Matcher guard = Pattern.compile("(?m)^      - '(\\[ -n .*)'$").matcher(grafana);
        assertTrue(guard.find(), "the entrypoint checks the password");
        // compose turns $$ into $; run the check as the container's /bin/sh would
        String script = guard.group(1).replace("$$", "$");
        Path sh = Path.of("/bin/sh");
        Commands.Result unset = Commands.run(ROOT, Map.of("GF_SECURITY_ADMIN_PASSWORD", ""), Duration.ofSeconds(10),
                sh.toString(), "-c", script, "grafana");
        assertEquals(2, unset.status(), unset.output());
        assertTrue(unset.output().contains("set GF_ADMIN_PASSWORD"), unset.output());
        Commands.Result set = Commands.run(ROOT, Map.of("GF_SECURITY_ADMIN_PASSWORD", "s3cret"), Duration.ofSeconds(10),
                sh.toString(), "-c", script, "grafana");
        assertFalse(set.output().contains("set GF_ADMIN_PASSWORD"), "with a password it goes on to Grafana's /run.sh");
        assertEquals(127, set.status(), "/run.sh exists only in Grafana's image: " + set.output());
    }
}
