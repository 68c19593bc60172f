package dev.iovasim.cli;

import picocli.CommandLine.IVersionProvider;

/** The version line of {@code iovasim --version}. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"iovasim " + (v == null ? "dev" : v) + ", Java " + System.getProperty("java.version")};
    }
}
