package dev.cacheinvalidation.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.it.harness.ForkedJvm;
import dev.cacheinvalidation.it.harness.ForkedProcess;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code invalidation.log.level=debug} explains each decision for one commit, one greppable line per step, in
 * order: write detected (source, name, operation) → unit → commit (names) → rule (name → patterns, and which
 * key) → dispatch (strategies) → applied (entries removed, ms after commit). A rollback says it discarded.
 */
class DecisionTrailIT {
  @Test
  void debugLevelExplainsEveryStepOfOneCommit() throws Exception {
    try (ForkedProcess process = ForkedJvm.scenario(DecisionTrailScenario.class).testbed("jdbc")
        .agentArgs("log.level=debug,rules.Category=category:*,jmx.enabled=false").start()) {
      process.awaitSuccess(Duration.ofMinutes(1));
      assertEquals("[post:1]", process.reported("after-commit"), process::describe);
      assertEquals("[category:1, post:1]", process.reported("after-rollback"), process::describe);

      List<String> trail = process.stderrLines();
      int commitStart = indexOf(trail, Pattern.compile("--- scenario: commit ---"), 0, process);
      String unit = "jdbc transaction@[0-9a-f]+";
      int write = indexOf(trail, Pattern.compile(
          "DEBUG WritePipeline - write detected: source=jdbc name=category operation=UPDATE -> unit " + unit
              + "$", Pattern.CASE_INSENSITIVE), commitStart, process);
      int commit = indexOf(trail, Pattern.compile(
          "DEBUG WritePipeline - commit: unit " + unit + " committed names=\\[category]$",
          Pattern.CASE_INSENSITIVE), write, process);
      int rule = indexOf(trail, Pattern.compile(
          "DEBUG WritePipeline - rule: name=category -> patterns=\\[category:\\*] "
              + "\\(from invalidation\\.rules\\.category\\)$", Pattern.CASE_INSENSITIVE), commit, process);
      int dispatch = indexOf(trail, Pattern.compile(
          "DEBUG WritePipeline - dispatch #(\\d+): jdbc transaction names=\\[category] -> "
              + "patterns=\\[category:\\*] -> strategies=\\[caffeine] \\(await-ms 100\\)$",
          Pattern.CASE_INSENSITIVE), rule, process);
      String id = Pattern.compile("#(\\d+)").matcher(trail.get(dispatch)).results().findFirst().orElseThrow()
          .group(1);
      int applied = indexOf(trail, Pattern.compile("DEBUG StrategyDelivery - applied #" + id
          + " strategy=caffeine removed=2 patterns=\\[category:\\*] \\d+\\.\\d{3} ms after commit$"),
          dispatch, process);
      int rollbackStart = indexOf(trail, Pattern.compile("--- scenario: rollback ---"), applied, process);
      indexOf(trail, Pattern.compile("DEBUG WritePipeline - rollback: unit " + unit
          + " rolled back; discarded jdbc transaction\\[category], nothing invalidated$",
          Pattern.CASE_INSENSITIVE), rollbackStart, process);
      assertTrue(trail.subList(rollbackStart, trail.size()).stream().noneMatch(line -> line.contains("dispatch #")),
          process::describe);
    }
  }

  private static int indexOf(List<String> lines, Pattern pattern, int from, ForkedProcess process) {
    for (int i = from; i < lines.size(); i++) {
      if (pattern.matcher(lines.get(i)).find()) {
        return i;
      }
    }
    throw new AssertionError("no line after line " + from + " matches " + pattern + "\n" + process.describe());
  }
}
