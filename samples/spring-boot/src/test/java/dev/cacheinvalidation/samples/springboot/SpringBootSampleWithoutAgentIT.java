package dev.cacheinvalidation.samples.springboot;

import java.util.List;

/**
 * The same executable jar and the same tests without the agent: every response and database value is the
 * same as with it; only the caches differ, serving stale data after each write.
 */
class SpringBootSampleWithoutAgentIT extends SpringBootSampleContract {
  @Override
  RunningApplication startApplication(String redisUri) throws Exception {
    return RunningApplication.start("without-agent", null, List.of("--spring.data.redis.url=" + redisUri));
  }

  @Override
  boolean agentAttached() {
    return false;
  }
}
