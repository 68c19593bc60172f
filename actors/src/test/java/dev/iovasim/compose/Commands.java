package dev.iovasim.compose;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the container tools (podman, docker-compose) with a time limit, output captured. */
final class Commands {
    record Result(int status, String output) {
        boolean ok() {
            return status == 0;
        }
    }

    private Commands() {
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Runs {@code command} in {@code dir} with {@code env} added; a command past {@code limit} is killed. */
    static Result run(Path dir, Map<String, String> env, Duration limit, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("iovasim-compose", ".log");
        try {
            ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            b.environment().putAll(env);
            Process p = b.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new Result(-1, String.join(" ", command) + " did not finish within " + limit.toSeconds()
                        + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Result run(Path dir, Map<String, String> env, Duration limit, String... command)
            throws IOException, InterruptedException {
        return run(dir, env, limit, List.of(command));
    }
}
