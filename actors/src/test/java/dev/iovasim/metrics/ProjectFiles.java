package dev.iovasim.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the project's root from a test (surefire sets {@code iovasim.root}), for files such as node-config/. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    public static Path root() {
        String prop = System.getProperty("iovasim.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("actors")) && Files.exists(q.resolve("pom.xml"))) return q;
        }
        throw new IllegalStateException("cannot find the project root from " + p);
    }
}
