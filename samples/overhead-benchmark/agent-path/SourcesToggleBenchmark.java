import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the real agent adds to an H2 prepared INSERT (autocommit), measured inside one JVM that runs with the
 * agent: the agent's {@code Sources} attribute (JMX) is switched between all sources and none every 20,000
 * inserts, so both halves share the JIT state, the heap and the machine's load. With no source the advice still
 * runs but the sink returns at once, so the difference is the agent's write path (detection, pipeline,
 * strategy); the advice's own cost is what {@code AgentPathBenchmark} measures as a read.
 *
 * <p>Run as a single source file with {@code -javaagent}; see docs/performance.md. Single-threaded.
 */
public final class SourcesToggleBenchmark {
  private static final int INSERTS_PER_HALF = 20_000;
  private static final int PAIRS = 20;

  public static void main(String[] args) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName agent = new ObjectName("dev.cacheinvalidation:type=Agent");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:toggle");
        Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE entry (id BIGINT AUTO_INCREMENT PRIMARY KEY, val VARCHAR(64))");
      PreparedStatement insert = connection.prepareStatement("INSERT INTO entry (val) VALUES (?)");
      for (int warmUp = 0; warmUp < 10; warmUp++) {
        insertMany(insert, INSERTS_PER_HALF);
        ddl.execute("TRUNCATE TABLE entry");
      }
      double[] on = new double[PAIRS];
      double[] off = new double[PAIRS];
      for (int half = 0; half < 2 * PAIRS; half++) {
        boolean detecting = half % 2 == 0;
        server.setAttribute(agent, new Attribute("Sources", detecting ? "jpa,jdbc,graphql" : ""));
        long start = threads.getCurrentThreadCpuTime();
        insertMany(insert, INSERTS_PER_HALF);
        double nanos = (threads.getCurrentThreadCpuTime() - start) / (double) INSERTS_PER_HALF;
        ddl.execute("TRUNCATE TABLE entry");
        (detecting ? on : off)[half / 2] = nanos;
      }
      Arrays.sort(on);
      Arrays.sort(off);
      System.out.printf("H2 prepared INSERT, CPU ns/op (median of %d): sources on %.0f, off %.0f, agent adds %.0f%n",
          PAIRS, on[PAIRS / 2], off[PAIRS / 2], on[PAIRS / 2] - off[PAIRS / 2]);
    }
  }

  private static void insertMany(PreparedStatement insert, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      insert.setString(1, "entry");
      insert.executeUpdate();
    }
  }
}
