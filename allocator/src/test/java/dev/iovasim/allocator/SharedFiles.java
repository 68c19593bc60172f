package dev.iovasim.allocator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the project's root and {@code ../shared} from a test, in a checkout or in CI. */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path projectRoot() {
        String prop = System.getProperty("iovasim.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        for (Path q = p.toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("allocator")) && Files.exists(q.resolve("pom.xml"))) return q;
        }
        throw new IllegalStateException("cannot find the project root from " + p);
    }

    public static Path conformance() {
        Path dir = projectRoot().resolve("../shared/conformance").normalize();
        if (!Files.isDirectory(dir)) throw new IllegalStateException("missing " + dir + " (../shared beside the project)");
        return dir;
    }
}
