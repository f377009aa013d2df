package dev.cacheinvalidation.samples.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockstepRoundTest {
  @Test
  void twoModesAlternateWhoGoesFirstSoEachIterationIsNextToItsPair() {
    assertEquals(List.of(0, 1, 1, 0, 0, 1, 1, 0), order(4, 2));
  }

  @Test
  void threeModesRunForwardsThenBackwards() {
    assertEquals(List.of(0, 1, 2, 2, 1, 0), order(2, 3));
  }

  /** The children in the order they are timed, over the iterations. */
  private static List<Integer> order(int iterations, int count) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      for (int turn = 0; turn < count; turn++) {
        order.add(LockstepRound.childAt(i, turn, count));
      }
    }
    return order;
  }
}
