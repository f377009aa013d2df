package dev.cacheinvalidation.samples.springboot;

import java.util.List;

/**
 * The executable jar started with {@code -javaagent}: every write path leaves the caches fresh, each write
 * invalidates its names once, after commit, and a rollback invalidates nothing.
 */
class SpringBootSampleWithAgentIT extends SpringBootSampleContract {
  @Override
  RunningApplication startApplication() throws Exception {
    String config = RunningApplication.requiredFile("it.agent.config").toString();
    return RunningApplication.start("with-agent", "config=" + config + ",strategy=caffeine,log", List.of());
  }

  @Override
  boolean agentAttached() {
    return true;
  }
}
