package dev.iovasim.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deployment's key material for Artery over TLS with mutual authentication: one self-signed RSA
 * key pair that every node of the deployment holds ({@value #KEYSTORE}), its certificate as the
 * only one trusted ({@value #TRUSTSTORE}), and the stores' password ({@value #PASSWORD}), all in
 * one owner-only directory. A node then talks to, and joins, only a node holding the same key:
 * where the cluster secret (WireTag, SecretCheck) keeps out accidents, this keeps out a hostile
 * process on the same host or network. One shared key rather than a CA per node, because every
 * node of a run is the same program run by the same user; a new key per run costs a second.
 *
 * <p>Made with the JDK's own {@code keytool}: the JDK has no public API that signs a certificate,
 * and keytool ships with every JDK this runs on (no extra library for a once-per-run step).
 */
public final class TlsKeys {
    public static final String KEYSTORE = "keystore.p12";
    public static final String TRUSTSTORE = "truststore.p12";
    public static final String PASSWORD = "password";
    /** The config key naming the directory; empty = plain TCP. */
    public static final String KEY = "tls-dir";
    private static final String ALIAS = "iovasim";
    private static final String PASSWORD_ENV = "IOVASIM_TLS_STOREPASS";
    private static final long KEYTOOL_TIMEOUT_S = 60;

    private TlsKeys() {
    }

    /** Writes a new key pair, its trust store and their password into {@code dir} (made owner-only). */
    public static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        ownerOnly(dir, "rwx------");
        Path keystore = dir.resolve(KEYSTORE);
        Path truststore = dir.resolve(TRUSTSTORE);
        for (Path p : List.of(keystore, truststore)) {
            if (Files.exists(p)) throw new FileAlreadyExistsException(p.toString(), null, "refusing to replace a deployment's key");
        }
        String password = randomHex(24);
        Path passwordFile = dir.resolve(PASSWORD);
        Files.writeString(passwordFile, password + "\n", StandardCharsets.US_ASCII);
        ownerOnly(passwordFile, "rw-------");
        Path cert = dir.resolve("cert.pem");
        try {
            keytool(password, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
                    "-dname", "CN=iovasim cluster", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass:env", PASSWORD_ENV, "-keypass:env", PASSWORD_ENV);
            keytool(password, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(),
                    "-storepass:env", PASSWORD_ENV, "-file", cert.toString());
            keytool(password, "-importcert", "-noprompt", "-alias", ALIAS, "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", truststore.toString(), "-storepass:env", PASSWORD_ENV);
        } finally {
            Files.deleteIfExists(cert);
        }
        ownerOnly(keystore, "rw-------");
        ownerOnly(truststore, "rw-------");
    }

    /** Removes what {@link #generate} wrote, and the directory if that leaves it empty. */
    public static void delete(Path dir) {
        try {
            for (String f : List.of(KEYSTORE, TRUSTSTORE, PASSWORD)) Files.deleteIfExists(dir.resolve(f));
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the TLS keys in " + dir, e);
        }
    }

    /**
     * Artery's settings for {@code tls-tcp} ({@code tls.conf}) with the stores in {@code dir}, mutual authentication
     * on; an {@link IllegalArgumentException} naming {@code iovasim.tls-dir} when a file is
     * missing or unreadable.
     */
    public static Config akkaConfig(Path dir) {
        for (String f : List.of(KEYSTORE, TRUSTSTORE, PASSWORD)) {
            if (!Files.isReadable(dir.resolve(f))) {
                throw new IllegalArgumentException("iovasim." + KEY + ": no readable " + f + " in " + dir
                        + " (make the keys with 'iovasim tls-keys " + dir + "')");
            }
        }
        String password;
        try {
            password = Files.readString(dir.resolve(PASSWORD), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("iovasim." + KEY + ": cannot read " + dir.resolve(PASSWORD) + ": " + e.getMessage(), e);
        }
        if (password.isEmpty()) throw new IllegalArgumentException("iovasim." + KEY + ": " + dir.resolve(PASSWORD) + " is empty");
        Config stores = ConfigFactory.parseMap(Map.of("key-store", dir.resolve(KEYSTORE).toAbsolutePath().toString(),
                "trust-store", dir.resolve(TRUSTSTORE).toAbsolutePath().toString(), "password", password)).atPath("iovasim-tls");
        return ConfigFactory.parseResources("tls.conf", ConfigParseOptions.defaults().setAllowMissing(false)).resolveWith(stores);
    }

    private static void keytool(String password, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        // the password through the environment: a command line is visible to every user
        b.environment().put(PASSWORD_ENV, password);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_S + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool " + args[0] + " ran", e);
        }
        if (p.exitValue() != 0) throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + out.strip());
    }

    /** {@code bytes} random bytes from a strong source, in hex: a password, a cluster secret. */
    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new java.security.SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void ownerOnly(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection is all there is
        }
    }
}
