package dev.iovasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A flag picocli refuses ends with where the help is: the command's own, named once. */
class SeeHelpLineTest {
    @Test
    void anUnknownCommandPointsAtTheTopCommandsHelp() {
        CliRun r = CliRun.of("foo");
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertEquals("see: iovasim --help", r.errLines().get(r.errLines().size() - 1), r.err());
    }

    @Test
    void aBadFlagOfASubcommandPointsAtItsHelp() {
        CliRun r = CliRun.of("simulate", "--no-such-flag");
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertEquals("see: iovasim simulate --help", r.errLines().get(r.errLines().size() - 1), r.err());
    }
}
