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
}
