package dev.iovasim.compose;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The container engine the compose tests talk to: podman's Docker-compatible API on a socket of
 * our own (docker-compose 1.29 speaks only the Docker API), started here and stopped by
 * {@link #close}. The images the compose file cannot pull here are built locally by
 * {@code .ci/containers-setup.sh}; their names are the ones it builds.
 */
final class ContainerEngine implements AutoCloseable {
    static final String JRE_IMAGE = "localhost/iovasim-jre:17";
    static final String PROMETHEUS_IMAGE = "localhost/iovasim-prometheus:debian12";
    static final String SETUP = ".ci/containers-setup.sh";

    private final Process service;
    private final Path socket;

    private ContainerEngine(Process service, Path socket) {
        this.service = service;
        this.socket = socket;
    }

    /**
     * The engine, or the test aborted (skipped) when none can run here: no podman or docker-compose
     * installed. Under CI=true a missing engine fails instead: .ci/run sets it up. Missing local
     * images are built by the setup script when podman is there (once; later runs reuse them).
     */
    static ContainerEngine require(Path root, Path dir) throws IOException, InterruptedException {
        for (String tool : new String[] {"podman", "docker-compose"}) {
            if (!Commands.onPath(tool)) {
                String why = "no container engine here: " + tool + " is not installed (run " + SETUP + " as root)";
                if ("true".equals(System.getenv("CI"))) fail("CI=true but " + why);
                Assumptions.abort(why);
            }
        }
        if (!imageExists(root, JRE_IMAGE) || !imageExists(root, PROMETHEUS_IMAGE)) {
            Commands.Result r = Commands.run(root, Map.of(), Duration.ofMinutes(6), root.resolve(SETUP).toString());
            if (!r.ok()) fail(SETUP + " failed (exit " + r.status() + "):\n" + r.output());
        }
        Path socket = dir.resolve("podman.sock");
        Process p = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(dir.resolve("podman-service.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(socket)) {
            if (!p.isAlive()) fail("podman system service exited: " + Files.readString(dir.resolve("podman-service.log")));
            if (System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                fail("podman system service did not open " + socket + " within 30 s");
            }
            Thread.sleep(100);
        }
        return new ContainerEngine(p, socket);
    }

    private static boolean imageExists(Path root, String image) throws IOException, InterruptedException {
        return Commands.run(root, Map.of(), Duration.ofSeconds(60), "podman", "image", "exists", image).ok();
    }

    /** What docker-compose needs to reach this engine. */
    String dockerHost() {
        return "unix://" + socket;
    }

    @Override
    public void close() throws InterruptedException {
        service.destroy();
        if (!service.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) service.destroyForcibly().waitFor();
    }
}
