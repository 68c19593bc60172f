package dev.iovasim.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-way network latency in front of a node's cluster port, in user space, for kernels without
 * {@code sch_netem}: the node advertises {@code host:port} where this relay listens, Artery binds
 * to a free loopback port behind it, and every byte that comes in is passed on {@code delay}
 * after it arrived (order kept). Artery's TCP connections carry messages one way (from the node
 * that opened them), so each message crosses exactly one relay, the receiver's: a message between
 * two nodes takes the delay once, as {@code tc netem delay D} on every host's egress would give.
 * Unlike netem it does not delay TCP acknowledgements, and the wait is a timed park, which Linux
 * may overshoot by its timer slack (50 µs by default).
 */
public final class LinkDelay implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final ServerSocket listener;
    private final int innerPort;
    private final long delayNanos;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private LinkDelay(ServerSocket listener, int innerPort, long delayNanos) {
        this.listener = listener;
        this.innerPort = innerPort;
        this.delayNanos = delayNanos;
    }

    /** Starts the relay of {@code s.linkDelay()}, or returns null when it is zero (no relay). */
    public static LinkDelay open(NodeSettings s) {
        if (s.linkDelay().isZero()) return null;
        try {
            ServerSocket outer = new ServerSocket();
            outer.setReuseAddress(true);
            outer.bind(new InetSocketAddress(InetAddress.getByName(s.host()), s.port()));
            int inner;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                inner = probe.getLocalPort();
            }
            LinkDelay d = new LinkDelay(outer, inner, s.linkDelay().toNanos());
            Thread t = new Thread(d::accept, "iovasim-link-delay-accept");
            t.setDaemon(true);
            t.start();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("iovasim.link-delay: cannot listen on " + s.host() + ":" + s.port(), e);
        }
    }

    /** The node's Akka configuration: advertised at the relay, bound behind it on loopback. */
    public static Config akkaConfig(NodeSettings s, LinkDelay d) {
        if (d == null) return s.akkaConfig();
        return ConfigFactory.parseMap(Map.of(
                        "akka.remote.artery.canonical.hostname", s.host(),
                        "akka.remote.artery.canonical.port", d.listener.getLocalPort(),
                        "akka.remote.artery.bind.hostname", InetAddress.getLoopbackAddress().getHostAddress(),
                        "akka.remote.artery.bind.port", d.innerPort))
                .withFallback(s.akkaConfig());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket in = listener.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), innerPort);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                sockets.add(in);
                sockets.add(out);
                pipe(in, out, "in");
                pipe(out, in, "out");
            } catch (IOException e) {
                if (closed) return;
                // one failed connection (the peer went away mid-accept): Artery reconnects
            }
        }
    }

    /** Bytes from {@code from} to {@code to}, each chunk held until {@code delay} after it was read. */
    private void pipe(Socket from, Socket to, String way) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = from.getInputStream()) {
                byte[] buf = new byte[CHUNK];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buf, n)));
                }
            } catch (IOException e) {
                // the connection ended; the writer closes the other side
            }
            queue.add(new Chunk(0, END));
        }, "iovasim-link-delay-" + way + "-read");
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = queue.take();
                    if (c.bytes() == END) break;
                    for (long left; (left = c.due() - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
                    out.write(c.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side went away
            }
            closeQuietly(to);
            closeQuietly(from);
        }, "iovasim-link-delay-" + way + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** Bytes read at once, and when they may go on ({@link System#nanoTime} clock). */
    private record Chunk(long due, byte[] bytes) {
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (Socket s : sockets) closeQuietly(s);
    }
}
