package dev.cacheinvalidation.samples.springboot;

import java.util.List;

/**
 * The executable jar started with {@code -javaagent} (strategies {@code caffeine,redis-pattern,log}): every
 * write path leaves the Caffeine and Redis caches fresh, each write invalidates its names once, after commit,
 * and a rollback invalidates nothing.
 */
class SpringBootSampleWithAgentIT extends SpringBootSampleContract {
  @Override
  RunningApplication startApplication(String redisUri) throws Exception {
    String config = RunningApplication.requiredFile("it.agent.config").toString();
    // await-ms: the committing thread waits for the Redis deletes, so a read right after a commit never
    // races them, even on a loaded build machine.
    String agentArguments = "config=" + config + ",strategy=caffeine,redis-pattern,log,redis.uri=" + redisUri
        + ",await-ms=10000";
    return RunningApplication.start("with-agent", agentArguments, List.of("--spring.data.redis.url=" + redisUri));
  }

  @Override
  boolean agentAttached() {
    return true;
  }
}
