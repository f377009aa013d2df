package dev.cacheinvalidation.agent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  /** Equal but distinct keys, as two pool proxies that override equals could be. */
  private record Key(int value) {}

  @Test
  void keysAreComparedByIdentity() {
    WeakIdentityMap<String> map = new WeakIdentityMap<>();
    Key first = new Key(1);
    Key equal = new Key(1);
    map.put(first, "first");
    assertEquals("first", map.get(first));
    assertNull(map.get(equal));
    assertEquals("second", map.computeIfAbsent(equal, k -> "second"));
    assertEquals("first", map.computeIfAbsent(first, k -> "ignored"));
    assertEquals("first", map.remove(first));
    assertNull(map.get(first));
    assertEquals("second", map.get(equal));
  }

  @Test
  void growsAndKeepsEveryEntry() {
    WeakIdentityMap<Integer> map = new WeakIdentityMap<>();
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      Object key = new Object();
      keys.add(key);
      map.put(key, i);
    }
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(i, map.get(keys.get(i)));
    }
    for (int i = 0; i < keys.size(); i += 2) {
      assertEquals(i, map.remove(keys.get(i)));
    }
    assertEquals(2_500, map.size());
    assertNull(map.remove(keys.get(0)));
  }

  @Test
  void entriesOfCollectedKeysArePurged() throws InterruptedException {
    WeakIdentityMap<byte[]> map = new WeakIdentityMap<>();
    for (int i = 0; i < 1_000; i++) {
      map.put(new Object(), new byte[16]);
    }
    Object kept = new Object();
    map.put(kept, new byte[1]);
    // GC timing is not guaranteed: ask several times, and only require that collected keys do go away.
    for (int attempt = 0; attempt < 50 && map.size() > 1; attempt++) {
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(map.size() < 1_001, "collected keys are purged");
    assertEquals(1, map.get(kept).length);
  }
}
