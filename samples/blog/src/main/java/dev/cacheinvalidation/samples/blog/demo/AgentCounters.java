package dev.cacheinvalidation.samples.blog.demo;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Reads the agent's counters over JMX, as any JMX client would: the sample has no compile-time link to the
 * agent. Also tells whether the agent was attached to this JVM. Stateless.
 */
final class AgentCounters {
  static final String OBJECT_NAME = "dev.cacheinvalidation:type=Agent";
  private static final String[] SHOWN = {"Strategy", "WritesDetected", "WritesDeduplicated", "InvalidationsIssued",
      "InvalidationFailures", "KeysRemovedByStrategy"};

  private AgentCounters() {}

  static boolean agentAttached() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(argument -> argument.startsWith("-javaagent:") && argument.contains("cache-invalidation-agent"));
  }

  /**
   * The shown attributes in order, waiting up to {@code waitMillis} for the agent to register its MBean (it
   * does so shortly after start-up); empty when there is none.
   */
  static Map<String, Object> read(long waitMillis) throws InterruptedException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Object> counters = new LinkedHashMap<>();
    try {
      ObjectName name = new ObjectName(OBJECT_NAME);
      long deadline = System.nanoTime() + waitMillis * 1_000_000;
      while (!server.isRegistered(name) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (!server.isRegistered(name)) {
        return counters;
      }
      for (String attribute : SHOWN) {
        counters.put(attribute, readable(server.getAttribute(name, attribute)));
      }
    } catch (JMException e) {
      counters.put("error", e.toString());
    }
    return counters;
  }

  /** An MXBean map arrives as TabularData of (key, value) rows: shown as a map. */
  private static Object readable(Object value) {
    if (value instanceof TabularData table) {
      Map<Object, Object> map = new TreeMap<>();
      for (Object row : table.values()) {
        CompositeData entry = (CompositeData) row;
        map.put(entry.get("key"), entry.get("value"));
      }
      return map;
    }
    return value;
  }
}
