package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void theBuildFilledInTheMavenVersionAndTheCommit() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.status());
        // the tests run from a git checkout: the build must have found its commit
        assertTrue(r.out().matches("iovasim \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,40}\\), Java .*\\R"), r.out());
    }

    @Test
    void everyCommandPrintsTheSameVersion() {
        String top = CliRun.of("--version").out();
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) continue;
            CliRun r = CliRun.of(command, "--version");
            assertEquals(0, r.status(), command);
            assertEquals(top, r.out(), command + " --version");
        }
    }

    @Test
    void aBuildWithoutGitSaysUnknown() {
        Properties p = new Properties();
        p.setProperty("version", "1.2.3");
        p.setProperty("commit", "${git.commit.id.abbrev}");
        assertTrue(Version.line(p).startsWith("iovasim 1.2.3 (commit unknown), Java "), Version.line(p));
        assertTrue(Version.line(new Properties()).startsWith("iovasim unknown (commit unknown)"), Version.line(new Properties()));
    }

    /** {@code iovasim} alone prints what {@code iovasim --help} prints, the exit status list included. */
    @Test
    void noCommandPrintsTheHelp() {
        CliRun bare = CliRun.of();
        assertEquals(0, bare.status());
        assertEquals(CliRun.of("--help").out(), bare.out());
        assertTrue(bare.out().contains("Exit status:"), bare.out());
    }
}
