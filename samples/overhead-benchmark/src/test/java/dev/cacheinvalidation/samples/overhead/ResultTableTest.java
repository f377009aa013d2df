package dev.cacheinvalidation.samples.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static final String AGENT = "with-agent";

  @Test
  void theDifferenceIsTheMedianOfIterationRatiosNotTheRatioOfMedians() {
    ResultTable table = new ResultTable(List.of(Mode.NO_AGENT, AGENT));
    // The host slowed the last two iterations of both, and the third of the agent's alone. The pairs say
    // +10 % in four iterations of five; the medians (1,000 and 2,200) would say +120 %.
    double[] noAgent = {1000, 1000, 1000, 2000, 2000};
    double[] agent = {1100, 1100, 2200, 2200, 2200};
    table.add(Mode.NO_AGENT, "w", noAgent, noAgent);
    table.add(AGENT, "w", agent, noAgent);

    assertEquals(List.of("w", AGENT, "2200", "2200-2200", "+100", "+10.0", "%", "+10.0..+10.0"), row(table, AGENT));
  }

  @Test
  void roundsGiveTheMedianRatioAndTheirRange() {
    ResultTable table = new ResultTable(List.of(Mode.NO_AGENT, AGENT));
    double[][] noAgentRounds = {{1000, 1000, 1000}, {1200, 1200, 1200}, {1000, 1000, 1000}};
    double[][] agentRounds = {{1020, 1020, 1020}, {1320, 1320, 1320}, {980, 980, 980}};
    for (int round = 0; round < 3; round++) {
      table.add(Mode.NO_AGENT, "w", noAgentRounds[round], noAgentRounds[round]);
      table.add(AGENT, "w", agentRounds[round], noAgentRounds[round]);
    }

    // Ratios per round: 1.02, 1.10, 0.98; median 1.02, applied to no agent's median ns/op (1,000).
    assertEquals(List.of("w", AGENT, "1020", "980-1320", "+20", "+2.0", "%", "-2.0..+10.0"), row(table, AGENT));
    assertEquals(List.of("w", Mode.NO_AGENT.split(" ")[0], Mode.NO_AGENT.split(" ")[1], "1000", "1000-1200"),
        row(table, Mode.NO_AGENT));
  }

  @Test
  void eachRoundsDifferenceIsListedInRoundOrder() {
    ResultTable table = new ResultTable(List.of(Mode.NO_AGENT, AGENT));
    table.add(Mode.NO_AGENT, "w", new double[] {1000}, new double[] {1000});
    table.add(AGENT, "w", new double[] {1250}, new double[] {1000});
    table.add(Mode.NO_AGENT, "w", new double[] {1000}, new double[] {1000});
    table.add(AGENT, "w", new double[] {990}, new double[] {1000});

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    table.printRounds(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(List.of(List.of("w", AGENT, "+25.0", "-1.0")),
        bytes.toString(StandardCharsets.UTF_8).lines().map(line -> List.of(line.trim().split(" +"))).toList());
  }

  private static List<String> row(ResultTable table, String mode) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(" " + mode + " "))
        .map(line -> List.of(line.trim().split(" +"))).findFirst().orElseThrow();
  }
}
