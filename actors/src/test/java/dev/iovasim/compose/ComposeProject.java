package dev.iovasim.compose;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One docker-compose project made of the project's own docker-compose.yml, under a name of its
 * own so that it never meets another run's containers, networks or volumes; {@link #close}
 * takes it down whatever happened.
 */
final class ComposeProject implements AutoCloseable {
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(4);

    private final Path root;
    private final String name;
    private final Map<String, String> env;

    /** @param settings the compose file's variables (IOVASIM_*, PROMETHEUS_*), on top of the engine's */
    ComposeProject(Path root, String name, ContainerEngine engine, Map<String, String> settings) {
        this.root = root;
        this.name = name;
        this.env = new HashMap<>(settings);
        env.put("DOCKER_HOST", engine.dockerHost());
        env.put("IOVASIM_JRE_IMAGE", ContainerEngine.JRE_IMAGE);
        env.put("PROMETHEUS_IMAGE", ContainerEngine.PROMETHEUS_IMAGE);
        // docker-compose 1.29 would otherwise look for a Docker CLI plugin setup it does not need
        env.put("COMPOSE_DOCKER_CLI_BUILD", "0");
    }

    String name() {
        return name;
    }

    /** Builds the node image (IOVASIM_IMAGE) from the packaged jar. */
    void build() throws IOException, InterruptedException {
        require(Commands.run(root, env, COMMAND_LIMIT, compose("build")), "build");
    }

    /** {@code up -d} of the images as they are (built by {@link #build} beforehand). */
    void up(int cpuNodes) throws IOException, InterruptedException {
        require(Commands.run(root, env, COMMAND_LIMIT, compose("up", "-d", "--scale", "cpus=" + cpuNodes)), "up");
    }

    /** The container of {@code service}'s replica {@code index} (docker-compose 1.29 naming). */
    String container(String service, int index) {
        return name + "_" + service + "_" + index;
    }

    /** Everything the container wrote, stdout and stderr. */
    String logs(String container) throws IOException, InterruptedException {
        return Commands.run(root, Map.of(), Duration.ofSeconds(30), "podman", "logs", container).output();
    }

    /** The container's address on the project's network. */
    String address(String container) throws IOException, InterruptedException {
        Commands.Result r = Commands.run(root, Map.of(), Duration.ofSeconds(30), "podman", "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container);
        return require(r, "inspect " + container).strip();
    }

    /** SIGKILL, as a machine that dies: no shutdown hook, no goodbye to the cluster. */
    void kill(String container) throws IOException, InterruptedException {
        require(Commands.run(root, Map.of(), Duration.ofSeconds(30), "podman", "kill", "--signal", "KILL", container),
                "kill " + container);
    }

    /** What podman still holds of this project: containers, networks, volumes (empty after down). */
    List<String> leftovers() throws IOException, InterruptedException {
        String label = "label=com.docker.compose.project=" + name;
        List<String> left = new ArrayList<>();
        for (List<String> cmd : List.of(
                List.of("podman", "ps", "-a", "--filter", label, "--format", "container {{.Names}}"),
                List.of("podman", "network", "ls", "--filter", label, "--format", "network {{.Name}}"),
                List.of("podman", "volume", "ls", "--filter", label, "--format", "volume {{.Name}}"))) {
            String out = require(Commands.run(root, Map.of(), Duration.ofSeconds(30), cmd), String.join(" ", cmd));
            out.lines().filter(l -> !l.isBlank()).forEach(left::add);
        }
        return left;
    }

    /** {@code down -v}: containers, the project's network and its volumes go. */
    void down() throws IOException, InterruptedException {
        require(Commands.run(root, env, COMMAND_LIMIT, compose("down", "-v", "--remove-orphans", "-t", "3")), "down");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        down();
    }

    private List<String> compose(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "-f", "docker-compose.yml", "-p", name));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String require(Commands.Result r, String what) {
        if (!r.ok()) throw new IllegalStateException("docker-compose project " + name + ": " + what + " failed (exit "
                + r.status() + "):\n" + r.output());
        return r.output();
    }
}
