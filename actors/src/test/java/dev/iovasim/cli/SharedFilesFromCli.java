package dev.iovasim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds ../shared/conformance from the actors module's tests. */
final class SharedFilesFromCli {
    private SharedFilesFromCli() {
    }

    static Path conformance() {
        String prop = System.getProperty("iovasim.root");
        Path p = (prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath()).toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            Path c = q.resolve("../shared/conformance").normalize();
            if (Files.isDirectory(q.resolve("allocator")) && Files.isDirectory(c)) return c;
        }
        throw new IllegalStateException("cannot find ../shared/conformance from " + p);
    }
}
