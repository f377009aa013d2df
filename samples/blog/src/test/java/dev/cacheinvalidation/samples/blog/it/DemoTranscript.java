package dev.cacheinvalidation.samples.blog.it;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code --demo-only --markers} printed: the narration (the lines a user sees) and, per step, the
 * caches' real contents from its {@code @@caches <step> <json>} markers.
 */
final class DemoTranscript {
  private static final Type CONTENTS = new TypeToken<TreeMap<String, String>>() {}.getType();
  private static final Gson GSON = new Gson();

  private final List<String> narration = new ArrayList<>();
  private final Map<String, TreeMap<String, String>> snapshots = new LinkedHashMap<>();

  DemoTranscript(List<String> stdout) {
    for (String line : stdout) {
      if (line.startsWith("@@caches ")) {
        String[] parts = line.split(" ", 3);
        snapshots.put(parts[1], GSON.fromJson(parts[2], CONTENTS));
      } else {
        narration.add(line);
      }
    }
  }

  List<String> narration() {
    return narration;
  }

  /** The cache contents (key to JSON value) after the step. */
  TreeMap<String, String> after(String step) {
    TreeMap<String, String> snapshot = snapshots.get(step);
    if (snapshot == null) {
      throw new AssertionError("no @@caches marker for step " + step + "; steps: " + snapshots.keySet());
    }
    return snapshot;
  }

  Set<String> keysAfter(String step) {
    return after(step).keySet();
  }

  /** A cached value's field, e.g. the name in category:1's JSON. */
  Object field(String step, String key, String field) {
    String json = after(step).get(key);
    if (json == null) {
      throw new AssertionError(key + " is not cached after step " + step + ": " + after(step).keySet());
    }
    return GSON.fromJson(json, Map.class).get(field);
  }

  static Set<String> removed(Map<String, String> before, Map<String, String> after) {
    Set<String> removed = new TreeSet<>(before.keySet());
    removed.removeAll(after.keySet());
    return removed;
  }

  /** The narration line that starts with {@code prefix}, and the lines after it up to the next step. */
  List<String> step(String prefix) {
    for (int i = 0; i < narration.size(); i++) {
      if (narration.get(i).startsWith(prefix)) {
        List<String> lines = new ArrayList<>(List.of(narration.get(i)));
        for (int j = i + 1; j < narration.size() && narration.get(j).startsWith("   "); j++) {
          lines.add(narration.get(j));
        }
        return lines;
      }
    }
    throw new AssertionError("no narration line starts with '" + prefix + "':\n" + String.join("\n", narration));
  }
}
