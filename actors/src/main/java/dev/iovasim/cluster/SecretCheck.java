package dev.iovasim.cluster;

import akka.cluster.ConfigValidation;
import akka.cluster.JoinConfigCompatChecker;
import com.typesafe.config.Config;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Akka's join-time configuration check, given the cluster secret: a node joins only when its
 * {@value KryoSerializer#SECRET_KEY} equals the seed's. It keeps a node of another cluster on
 * this host (a port reused between two runs) out of this one; it is cooperative (the joining
 * node enforces the answer), so against a hostile process the guard is the message tag
 * ({@link WireTag}), which its messages cannot carry without the secret.
 */
public final class SecretCheck extends JoinConfigCompatChecker {
    private static final Seq<String> KEYS = CollectionConverters.asScala(java.util.List.of(KryoSerializer.SECRET_KEY)).toList();

    @Override
    public Seq<String> requiredKeys() {
        return KEYS;
    }

    @Override
    public ConfigValidation check(Config toCheck, Config actualConfig) {
        return JoinConfigCompatChecker.fullMatch(KEYS, toCheck, actualConfig);
    }
}
