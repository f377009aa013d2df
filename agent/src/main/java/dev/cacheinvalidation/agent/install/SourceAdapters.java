package dev.cacheinvalidation.agent.install;

import dev.cacheinvalidation.agent.AgentRuntime;
import dev.cacheinvalidation.agent.config.ConfigKeys;
import dev.cacheinvalidation.agent.source.graphql.GraphQlSource;
import dev.cacheinvalidation.agent.source.jdbc.JdbcWriteSource;
import dev.cacheinvalidation.agent.source.jpa.JpaSource;
import dev.cacheinvalidation.bridge.Bridge;

/**
 * Connects the bridge to the runtime: installs, for each source, the sink its advice reports to.
 */
public final class SourceAdapters {
  private SourceAdapters() {}

  public static void install(AgentRuntime runtime) {
    Bridge.install(runtime.caffeineCaches());
    Bridge.install(new JdbcWriteSource(runtime.pipeline(), runtime.config().get(ConfigKeys.SQL_CACHE_SIZE),
        () -> runtime.config().get(ConfigKeys.ON_DDL)));
    Bridge.install(new GraphQlSource(runtime));
    Bridge.install(new JpaSource(runtime.pipeline()));
  }
}
