package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cacheinvalidation.agent.config.AgentConfig;
import dev.cacheinvalidation.agent.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  @Test
  void namedRuleThenDefaultWithEscapedLowerCaseName() {
    AgentConfig config = ConfigLoader.builder()
        .agentArguments("rules.Category=categories::*,{name}:list,rules.default=app:{name}:*").build();
    RuleSet rules = new RuleSet(config);
    assertEquals(List.of("categories::*", "category:list"), rules.patternsFor("CATEGORY"));
    assertEquals(List.of("app:post:*"), rules.patternsFor("Post"));
    assertEquals(List.of("app:we\\*rd\\[1\\]:*"), rules.patternsFor("we*rd[1]"));
  }

  /** More names than the table of recent keys has slots: slots are shared, and each name keeps its own patterns. */
  @Test
  void namesSharingASlotOfTheRecentTableKeepTheirOwnPatterns() {
    RuleSet rules = new RuleSet(ConfigLoader.builder().agentArguments("rules.default=app:{name}:*").build());
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 500; i++) {
        String name = "entity" + (i * 7919 % 500);
        assertEquals(List.of("app:" + name + ":*"), rules.patternsForKey(Names.key(name)), name);
      }
    }
  }
}
