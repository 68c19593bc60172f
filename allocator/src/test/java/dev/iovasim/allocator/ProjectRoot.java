package dev.iovasim.allocator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the project's root from a test (surefire sets {@code iovasim.root}), for files such as examples/. */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Path find() {
        String prop = System.getProperty("iovasim.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("allocator")) && Files.exists(q.resolve("pom.xml"))) return q;
        }
        throw new IllegalStateException("cannot find the project root from " + p);
    }
}
