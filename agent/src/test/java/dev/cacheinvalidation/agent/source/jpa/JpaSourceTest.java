package dev.cacheinvalidation.agent.source.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.pipeline.AgentStatistics;
import dev.cacheinvalidation.agent.pipeline.Invalidation;
import dev.cacheinvalidation.agent.pipeline.InvalidationDispatcher;
import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.PipelineSettings;
import dev.cacheinvalidation.agent.pipeline.RuleSet;
import dev.cacheinvalidation.agent.pipeline.Source;
import dev.cacheinvalidation.agent.pipeline.WritePipeline;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The session operations' side of {@link JpaSource} without Hibernate: a session is any object, and entities of
 * classes no session factory mapped are reported under their simple names. Hibernate itself is exercised by the
 * forked-JVM integration tests.
 */
class JpaSourceTest {
  private final AgentStatistics statistics = new AgentStatistics();
  private final WritePipeline pipeline = new WritePipeline(
      new PipelineSettings(true, EnumSet.of(Source.JPA), new RuleSet(AgentConfig.defaults()), List.of(), 0),
      new NameCatalog(Map.of()), statistics,
      new InvalidationDispatcher(statistics, Executors.newSingleThreadExecutor(),
          Executors.newSingleThreadScheduledExecutor()));
  private final List<Invalidation> seen = new ArrayList<>();
  private final JpaSource source = new JpaSource(pipeline);

  JpaSourceTest() {
    pipeline.addListener(seen::add);
  }

  static final class Category {}

  static final class Post {}

  @Test
  void eachOperationReportsItsOwnEntityWhenTheClassOrTheOperationChanges() {
    Object session = new Object();
    source.sessionOperation(session, null, "persist", null, new Category());
    source.sessionOperation(session, null, "persist", null, new Category());
    source.sessionOperation(session, null, "persist", null, new Post());
    source.transactionCompleted(session, null, true);
    source.sessionOperation(session, null, "merge", null, new Post());
    source.sessionOperation(session, null, "merge", null, new Category());
    source.sessionOperation(session, null, "remove", null, new Category());
    source.transactionCompleted(session, null, true);

    assertEquals(2, seen.size());
    assertEquals(List.of("Category", "Post"), seen.get(0).names());
    assertEquals(List.of("Post", "Category"), seen.get(1).names());
    assertEquals(4, statistics.writesDetected());
    assertEquals(2, statistics.writesDeduplicated());
  }

  @Test
  void aSessionsLastOperationIsItsOwn() {
    Object first = new Object();
    Object second = new Object();
    source.sessionOperation(first, null, "remove", null, new Category());
    source.sessionOperation(second, null, "remove", null, new Post());
    source.sessionOperation(first, null, "remove", null, new Category());
    source.transactionCompleted(second, null, false);
    source.transactionCompleted(first, null, true);

    assertEquals(1, seen.size());
    assertEquals(List.of("Category"), seen.get(0).names());
  }

  @Test
  void aNewTransactionOfTheSessionReportsTheSameOperationAgain() {
    Object session = new Object();
    for (int transaction = 0; transaction < 3; transaction++) {
      source.sessionOperation(session, null, "persist", null, new Post());
      source.transactionCompleted(session, null, true);
    }

    assertEquals(3, seen.size());
    seen.forEach(invalidation -> assertEquals(List.of("Post"), invalidation.names()));
  }
}
