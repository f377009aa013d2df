package dev.cacheinvalidation.samples.staleness.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one application instance reported after a run: its counters ({@code @@result}), its commit-to-applied
 * windows in microseconds ({@code @@windows}) and up to five stale entries as evidence. Immutable.
 */
record RunResult(Map<String, Long> counters, List<Long> windowsMicros, String examples, String firstError) {

  static RunResult parse(String result, String windows, String examples, String firstError) {
    Map<String, Long> counters = new HashMap<>();
    for (String pair : result.split(" ")) {
      int equals = pair.indexOf('=');
      counters.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
    }
    List<Long> micros = new ArrayList<>();
    if (!windows.isEmpty()) {
      for (String value : windows.split(",")) {
        micros.add(Long.parseLong(value));
      }
    }
    return new RunResult(counters, micros, examples, firstError);
  }

  long get(String counter) {
    return counters.getOrDefault(counter, 0L);
  }
}
