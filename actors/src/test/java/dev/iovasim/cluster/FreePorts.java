package dev.iovasim.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for tests that start servers in other processes. All of one call's
 * sockets are open at once, so its ports are distinct (one at a time, the kernel may hand the
 * same port out twice).
 */
public final class FreePorts {
    private FreePorts() {
    }

    public static int[] distinct(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) s.close();
            }
        }
    }

    public static int one() throws IOException {
        return distinct(1)[0];
    }
}
