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
}
