package dev.cacheinvalidation.it.foundation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cacheinvalidation.it.harness.Scenario;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application with its own lettuce 6, Caffeine 2.9, Jackson 2.15, slf4j 1.7 and Byte Buddy 1.14, using all
 * of them while the agent (which relocates its own, newer copies) runs. Reports the versions it sees.
 */
public final class IsolationScenario {
  private IsolationScenario() {}

  public static void main(String[] args) throws Exception {
    String redisUri = args[0];
    Logger logger = LoggerFactory.getLogger(IsolationScenario.class);
    logger.info("application logging through its own slf4j");
    Scenario.report("slf4j", jarOf(LoggerFactory.class));
    Scenario.report("slf4jBinding", LoggerFactory.getILoggerFactory().getClass().getName());

    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(Map.of("name", "Books"));
    Scenario.report("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + " " + json
        + " " + mapper.readValue(json, Map.class).get("name"));

    Cache<String, String> cache = Caffeine.newBuilder().maximumSize(100).build();
    cache.put("category:1", "Books");
    cache.put("post:1", "Hello");
    Scenario.report("caffeine", jarOf(Caffeine.class));

    RedisClient client = RedisClient.create(redisUri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().set("app:key", "value");
      Scenario.report("lettuce", io.lettuce.core.LettuceVersion.getVersion() + " " + connection.sync().get("app:key"));
    } finally {
      client.shutdown();
    }
    Scenario.report("bytebuddy", new net.bytebuddy.ByteBuddy().subclass(Object.class).make()
        .load(IsolationScenario.class.getClassLoader()).getLoaded().getSuperclass().getName() + " "
        + jarOf(net.bytebuddy.ByteBuddy.class));

    Scenario.report("ready", "yes");
    for (String command; (command = Scenario.awaitCommand()) != null && !command.equals("exit"); ) {
      Scenario.report("keys", new TreeSet<>(cache.asMap().keySet()));
    }
  }

  private static String jarOf(Class<?> type) {
    String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
