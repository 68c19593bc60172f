package dev.iovasim.cluster;

/** What the node JVMs that tests start run with. */
public final class TestJvms {
    /**
     * C1 alone, no C2: a node JVM that a test starts lives for one short run, and C2's compiles of
     * Akka's start-up cost a 2-core machine more than they return, the more so when it is busy
     * (docs/cluster-notes.md, "Tests", has the measurements). The test JVM keeps the full JIT;
     * actors/pom.xml gives LocalClusterRun's cpu nodes the same flag through IOVASIM_NODE_JAVA_OPTS;
     * SoakTest's JVMs keep theirs (it measures their heaps).
     */
    public static final String SHORT_LIVED = "-XX:TieredStopAtLevel=1";

    private TestJvms() {
    }
}
