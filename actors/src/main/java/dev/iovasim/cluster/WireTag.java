package dev.iovasim.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster secret's tag on every message the Kryo serializer writes: the first
 * {@value #LENGTH} bytes of HMAC-SHA256(secret, message). Artery accepts frames from any process
 * that can reach its port, member or not, so without it a process on the same host could send
 * the CPU hosts Spawn or Stop, or the tree owner forged pfns, and corrupt or end a run; a message
 * whose tag does not match is refused. With no secret (a node started by hand without
 * {@code IOVASIM_CLUSTER_SECRET}) messages carry no tag. One instance per thread: a Mac is not
 * thread-safe (the serializer keeps one with each pooled Kryo).
 */
record WireTag(Mac mac) {
    static final int LENGTH = 16;

    /** Null when {@code secret} is empty: messages then go untagged. */
    static WireTag of(String secret) {
        if (secret.isEmpty()) return null;
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new WireTag(m);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** {@code body} followed by its tag. */
    byte[] append(byte[] body) {
        byte[] out = Arrays.copyOf(body, body.length + LENGTH);
        mac.update(body);
        System.arraycopy(mac.doFinal(), 0, out, body.length, LENGTH);
        return out;
    }

    /**
     * The message without its tag.
     *
     * @throws IllegalArgumentException when the tag is missing or does not match
     */
    byte[] strip(byte[] tagged) {
        if (tagged.length < LENGTH) throw new IllegalArgumentException("a message of " + tagged.length + " bytes has no tag");
        int n = tagged.length - LENGTH;
        mac.update(tagged, 0, n);
        byte[] expected = Arrays.copyOf(mac.doFinal(), LENGTH);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(tagged, n, tagged.length))) {
            throw new IllegalArgumentException("its tag does not match the cluster secret (a foreign sender?)");
        }
        return Arrays.copyOf(tagged, n);
    }
}
