package dev.cacheinvalidation.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void masksPasswordsAndKeepsTheRest() {
    assertEquals("redis://user:***@host:6379/0", Secrets.maskUri("redis://user:s3cr3t@host:6379/0"));
    assertEquals("rediss://***@host", Secrets.maskUri("rediss://s3cr3t@host"));
    assertEquals("redis://host:6379", Secrets.maskUri("redis://host:6379"));
    assertEquals("redis-sentinel://:***@a:26379,b:26379/0#mymaster",
        Secrets.maskUri("redis-sentinel://:pw@a:26379,b:26379/0#mymaster"));
    assertEquals("error: redis://u:***@h refused", Secrets.maskUri("error: redis://u:p@ss@h refused"));
  }
}
