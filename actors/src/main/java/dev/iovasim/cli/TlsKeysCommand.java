package dev.iovasim.cli;

import dev.iovasim.cluster.TlsKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code iovasim tls-keys DIR}: the key material of a deployment whose nodes talk over TLS. */
@Command(name = "tls-keys", mixinStandardHelpOptions = true,
        header = "Makes the TLS key pair, trust store and password of a cluster deployment.",
        description = {"Writes DIR/keystore.p12 (a new self-signed RSA key pair), DIR/truststore.p12 (its certificate,",
                "the only one trusted) and DIR/password (the stores' password), owner-only. Give every node of the",
                "deployment a copy and start it with 'node' and IOVASIM_TLS_DIR=DIR: nodes then talk over TLS",
                "with mutual authentication, and a node without the key can neither join nor send. Refuses to",
                "replace existing keys. One-command clusters of simulate, replay and flushbench make their own per run."})
public final class TlsKeysCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Where to write the keys (created if missing).")
    Path dir;

    @Override
    public Integer call() {
        try {
            TlsKeys.generate(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException("tls-keys: " + e.getFile() + " exists: refusing to replace a deployment's key");
        } catch (IOException e) {
            throw new UncheckedIOException("tls-keys " + dir + ": " + e.getMessage(), e);
        }
        System.out.println("wrote " + dir.resolve(TlsKeys.KEYSTORE) + ", " + dir.resolve(TlsKeys.TRUSTSTORE) + " and "
                + dir.resolve(TlsKeys.PASSWORD));
        return ExitCodes.OK;
    }
}
