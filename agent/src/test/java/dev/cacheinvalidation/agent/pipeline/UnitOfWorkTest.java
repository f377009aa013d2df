package dev.cacheinvalidation.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitOfWorkTest {
  private static Write write(String name) {
    return new Write(Source.JDBC, name, Operation.INSERT);
  }

  private static List<String> names(UnitOfWork unit) {
    return unit.drain().stream().map(Write::name).toList();
  }

  @Test
  void namesAreKeptOnceCaseInsensitively() {
    UnitOfWork unit = new UnitOfWork("t");
    assertTrue(unit.add(write("Category")));
    assertFalse(unit.add(write("category")));
    assertTrue(unit.add(write("Post")));
    assertEquals(List.of("Category", "Post"), names(unit));
    assertTrue(unit.isEmpty());
  }

  /** The name added last is recognised without the lock; it must be forgotten whenever names leave the unit. */
  @Test
  void theNameAddedLastIsNewAgainOnceDrainedClearedOrRolledBack() {
    UnitOfWork unit = new UnitOfWork("t");
    assertTrue(unit.add(write("Category")));
    assertFalse(unit.add(write("Category")));
    assertEquals(List.of("Category"), names(unit));
    assertTrue(unit.add(write("Category")), "after drain");
    unit.clear();
    assertTrue(unit.add(write("Category")), "after clear");
    Object savepoint = new Object();
    unit.drain();
    unit.mark(savepoint);
    assertTrue(unit.add(write("Category")));
    unit.rollbackTo(savepoint);
    assertTrue(unit.add(write("Category")), "after a rollback to a savepoint before it");
    assertEquals(List.of("Category"), names(unit));
  }

  @Test
  void rollbackToSavepointDiscardsOnlyLaterNames() {
    Object first = new Object();
    Object second = new Object();
    UnitOfWork unit = new UnitOfWork("t");
    unit.add(write("A"));
    unit.mark(first);
    unit.add(write("B"));
    unit.mark(second);
    unit.add(write("C"));
    unit.rollbackTo(second);
    unit.add(write("D"));
    unit.rollbackTo(first);
    unit.add(write("A"));
    assertEquals(List.of("A"), names(unit));
  }

  @Test
  void releasedSavepointKeepsItsWrites() {
    Object savepoint = new Object();
    UnitOfWork unit = new UnitOfWork("t");
    unit.mark(savepoint);
    unit.add(write("A"));
    unit.release(savepoint);
    unit.rollbackTo(savepoint);
    assertEquals(List.of("A"), names(unit));
  }

  @Test
  void aSavepointBeforeTheOnlyNameDiscardsIt() {
    Object savepoint = new Object();
    UnitOfWork unit = new UnitOfWork("t");
    unit.mark(savepoint);
    unit.add(write("A"));
    unit.rollbackTo(savepoint);
    assertTrue(unit.isEmpty());
    unit.add(write("B"));
    assertEquals(List.of("B"), names(unit));
  }

  /**
   * Random sequences of every operation, against a plain list model: the one-name shortcut and the map must
   * never be told apart.
   */
  @Test
  void behavesLikeAListOfDistinctNamesWithSavepointMarks() {
    java.util.Random random = new java.util.Random(20261121);
    String[] names = {"A", "a", "B", "C", "D"};
    for (int sequence = 0; sequence < 2_000; sequence++) {
      UnitOfWork unit = new UnitOfWork("t");
      List<String> model = new java.util.ArrayList<>();
      List<Object> marks = new java.util.ArrayList<>();
      List<Integer> sizes = new java.util.ArrayList<>();
      for (int step = 0; step < 30; step++) {
        int operation = random.nextInt(10);
        if (operation < 5) {
          String name = names[random.nextInt(names.length)];
          boolean fresh = model.stream().noneMatch(existing -> existing.equalsIgnoreCase(name));
          if (fresh) {
            model.add(name);
          }
          assertEquals(fresh, unit.add(write(name)));
        } else if (operation == 5) {
          Object mark = new Object();
          marks.add(mark);
          sizes.add(model.size());
          unit.mark(mark);
        } else if (operation == 6 && !marks.isEmpty()) {
          int index = random.nextInt(marks.size());
          unit.rollbackTo(marks.get(index));
          model.subList(sizes.get(index), model.size()).clear();
          marks.subList(index + 1, marks.size()).clear();
          sizes.subList(index + 1, sizes.size()).clear();
        } else if (operation == 7 && !marks.isEmpty()) {
          int index = random.nextInt(marks.size());
          unit.release(marks.get(index));
          marks.subList(index, marks.size()).clear();
          sizes.subList(index, sizes.size()).clear();
        } else if (operation == 8) {
          assertEquals(model, names(unit));
          model.clear();
          marks.clear();
          sizes.clear();
        } else {
          assertEquals(model.isEmpty(), unit.isEmpty());
        }
      }
      assertEquals(model, names(unit), "sequence " + sequence);
    }
  }
}
