package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.agent.config.AgentConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class WritePipelineTest {
  private final RecordingStrategy strategy = new RecordingStrategy(true, 0);
  private final AgentStatistics statistics = new AgentStatistics();
  private final WritePipeline pipeline = new WritePipeline(
      new PipelineSettings(true, EnumSet.of(Source.JDBC, Source.JPA), new RuleSet(AgentConfig.defaults()),
          List.of(strategy), 100),
      new NameCatalog(java.util.Map.of()), statistics,
      new InvalidationDispatcher(statistics, Executors.newSingleThreadExecutor(),
          Executors.newSingleThreadScheduledExecutor()));

  private static Write write(String name) {
    return new Write(Source.JDBC, name, Operation.UPDATE);
  }

  @Test
  void aUnitInvalidatesEachNameOnceAtCommitAndNothingBefore() {
    UnitOfWork unit = pipeline.newUnit("jdbc commit");
    for (int i = 0; i < 50; i++) {
      pipeline.record(unit, write(List.of("Category", "Post", "Tag").get(i % 3)));
    }
    assertTrue(strategy.applied.isEmpty());
    pipeline.commit(unit);
    assertEquals(1, strategy.applied.size());
    assertEquals(List.of("Category", "Post", "Tag"), strategy.applied.get(0).names());
    assertEquals(List.of("category:*", "post:*", "tag:*"), strategy.applied.get(0).patterns());
    assertEquals(3, statistics.writesDetected());
    assertEquals(47, statistics.writesDeduplicated());
  }

  @Test
  void rollbackInvalidatesNothing() {
    UnitOfWork unit = pipeline.newUnit("jdbc");
    pipeline.record(unit, write("Category"));
    pipeline.discard(unit);
    pipeline.commit(unit);
    assertTrue(strategy.applied.isEmpty());
  }

  @Test
  void commitsInsideAnOuterScopeInvalidateOnceAtTheOutermostExit() {
    pipeline.enterCommitScope();
    UnitOfWork jdbc = pipeline.newUnit("jdbc commit");
    pipeline.record(jdbc, write("Category"));
    pipeline.enterCommitScope();
    pipeline.commit(jdbc);
    pipeline.exitCommitScope();
    UnitOfWork jpa = pipeline.newUnit("jpa commit");
    pipeline.record(jpa, new Write(Source.JPA, "category", Operation.INSERT));
    pipeline.commit(jpa);
    assertTrue(strategy.applied.isEmpty());
    pipeline.exitCommitScope();
    assertEquals(1, strategy.applied.size());
    assertEquals(List.of("Category"), strategy.applied.get(0).names());
    assertEquals("jdbc commit+jpa commit", strategy.applied.get(0).origin());
  }

  @Test
  void aScopeLeftByItsTokenInvalidatesWithItsOwnOriginsOnly() {
    Object outer = pipeline.enterCommitScope();
    UnitOfWork jdbc = pipeline.newUnit("jdbc");
    pipeline.record(jdbc, write("Category"));
    pipeline.commit(jdbc);
    UnitOfWork jpa = pipeline.newUnit("jpa");
    pipeline.record(jpa, write("Post"));
    pipeline.commit(jpa);
    pipeline.exitCommitScope(outer);
    Object next = pipeline.enterCommitScope();
    pipeline.record(jpa, write("Tag"));
    pipeline.commit(jpa);
    pipeline.exitCommitScope(next);
    Object empty = pipeline.enterCommitScope();
    pipeline.exitCommitScope(empty);
    pipeline.exitCommitScope(empty); // a second exit of a left scope does nothing

    assertEquals(2, strategy.applied.size());
    assertEquals("jdbc+jpa", strategy.applied.get(0).origin());
    assertEquals(List.of("Category", "Post"), strategy.applied.get(0).names());
    assertEquals("jpa", strategy.applied.get(1).origin());
    assertEquals(List.of("Tag"), strategy.applied.get(1).names());
  }

  @Test
  void twoSeparateCommitsInvalidateTwice() {
    pipeline.writeCommitted(write("Category"), "autocommit");
    pipeline.writeCommitted(write("Category"), "autocommit");
    assertEquals(2, strategy.applied.size());
  }

  @Test
  void settingsApplyFromTheNextUnit() {
    assertTrue(pipeline.accepts(Source.JDBC));
    pipeline.update(pipeline.settings().withSources(EnumSet.of(Source.JPA)));
    assertTrue(!pipeline.accepts(Source.JDBC));
    pipeline.update(pipeline.settings().withEnabled(false));
    pipeline.writeCommitted(write("Category"), "autocommit");
    assertTrue(strategy.applied.isEmpty());
  }
}
