package dev.cacheinvalidation.agent.install;

import dev.cacheinvalidation.instrumentation.api.InstrumentationModule;
import dev.cacheinvalidation.instrumentation.caffeine.CaffeineInstrumentationModule;
import dev.cacheinvalidation.instrumentation.graphql.GraphQlInstrumentationModule;
import dev.cacheinvalidation.instrumentation.hibernate.HibernateInstrumentationModule;
import dev.cacheinvalidation.instrumentation.jdbc.JdbcInstrumentationModule;
import java.util.List;

/**
 * Every instrumentation the agent installs, listed explicitly: no class-path scanning at start-up.
 */
public final class InstrumentationModules {
  private InstrumentationModules() {}

  public static List<InstrumentationModule> all() {
    return List.of(new CaffeineInstrumentationModule(), new JdbcInstrumentationModule(),
        new GraphQlInstrumentationModule(), new HibernateInstrumentationModule());
  }
}
