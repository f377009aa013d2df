package dev.cacheinvalidation.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.strategy.redis.RedisEndpoint;
import dev.cacheinvalidation.agent.strategy.redis.RedisPatternStrategy;
import dev.cacheinvalidation.agent.strategy.redis.RedisSettings;
import dev.cacheinvalidation.agent.strategy.redis.VersioningStrategy;
import dev.cacheinvalidation.it.harness.RedisServer;
import dev.cacheinvalidation.it.harness.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Redis strategies reach deployments other than a plain server: TLS ({@code rediss://}, the server's
 * certificate verified against a trust store holding it) and Sentinel ({@code redis-sentinel://}, the master
 * found through the sentinel). Skipped, with the reason, where the redis-server binary or openssl cannot
 * provide them.
 */
class RedisDeploymentsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void tls() throws Exception {
    Path directory = Files.createTempDirectory("redis-tls");
    Path key = directory.resolve("key.pem");
    Path certificate = directory.resolve("cert.pem");
    Assumptions.assumeTrue(run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
        "-out", certificate.toString(), "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"), "openssl is not available to make a certificate");
    Path trustStore = directory.resolve("trust.p12");
    Assumptions.assumeTrue(run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert",
        "-noprompt", "-alias", "redis", "-file", certificate.toString(), "-keystore", trustStore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit"), "keytool could not build a trust store");
    RedisServer redis;
    try {
      int tlsPort;
      try (var socket = new java.net.ServerSocket(0)) {
        tlsPort = socket.getLocalPort();
      }
      redis = RedisServer.start("--tls-port", String.valueOf(tlsPort), "--tls-cert-file", certificate.toString(),
          "--tls-key-file", key.toString(), "--tls-ca-cert-file", certificate.toString(), "--tls-auth-clients", "no");
      try (redis) {
        // The JVM's default trust store is what an application configures; point it at the test certificate.
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        assertDeletesAndVersions(redis, "rediss://127.0.0.1:" + tlsPort + "/0");
      } finally {
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
      }
    } catch (IOException notSupported) {
      Assumptions.abort("this redis-server does not support TLS (" + notSupported.getMessage() + ")");
    }
  }

  @Test
  void sentinel() throws Exception {
    try (RedisServer master = RedisServer.start();
        RedisServer sentinel = RedisServer.sentinel("cache", master.port())) {
      assertDeletesAndVersions(master, "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#cache");
    }
  }

  /** Seeds the data server over plain TCP, then deletes and versions through {@code uri}. */
  private static void assertDeletesAndVersions(RedisServer data, String uri) throws Exception {
    try (RespClient client = RespClient.to(data.port())) {
      client.call("MSET", "category:1", "a", "category:2", "b", "post:1", "c");
      RedisSettings settings = new RedisSettings(uri, "auto", TIMEOUT, 1000, 0);
      try (RedisEndpoint endpoint = new RedisEndpoint(settings);
          RedisPatternStrategy delete = new RedisPatternStrategy(endpoint)) {
        VersioningStrategy versioning = new VersioningStrategy(endpoint, "{name}:version", List.of());
        Invalidation invalidation =
            new Invalidation(1, "test", List.of("Category"), List.of("category:*"), System.nanoTime());
        assertEquals(2, delete.apply(invalidation));
        versioning.apply(invalidation);
        assertEquals(1L, versioning.versions().get("category"));
      }
      assertEquals(2, client.callLong("DBSIZE"), "post:1 and category:version remain");
      assertEquals("c", client.call("GET", "post:1"));
    }
  }

  private static boolean run(String... command) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException absent) {
      return false;
    }
  }
}
