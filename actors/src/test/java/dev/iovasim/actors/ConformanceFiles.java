package dev.iovasim.actors;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared conformance traces, beside the project's root (surefire sets {@code iovasim.root}). */
final class ConformanceFiles {
    private ConformanceFiles() {
    }

    static Path dir() {
        Path root = Path.of(System.getProperty("iovasim.root", "..")).toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path dir = p.resolve("../shared/conformance").normalize();
            if (Files.exists(p.resolve("allocator")) && Files.isDirectory(dir)) return dir;
        }
        throw new IllegalStateException("no ../shared/conformance beside the project root above " + root);
    }
}
