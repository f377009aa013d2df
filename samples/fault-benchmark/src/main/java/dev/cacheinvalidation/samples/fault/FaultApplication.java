package dev.cacheinvalidation.samples.fault;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The measured application (no invalidation code): plain JDBC writes to H2, each an UPDATE and a commit, timed
 * from the UPDATE to the end of {@code commit()}, the write latency the application sees.
 *
 * <p>Driven on standard input: {@code run <n>} performs n writes and prints
 * {@code result <p50 µs> <p99 µs> <mean µs> <max µs>}; {@code exit} ends.
 */
public final class FaultApplication {
  private FaultApplication() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:fault;DB_CLOSE_DELAY=-1")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE item (id INT PRIMARY KEY, v BIGINT)");
        statement.execute("INSERT INTO item VALUES (1, 0)");
      }
      connection.setAutoCommit(false);
      System.out.println("ready");
      try (PreparedStatement update = connection.prepareStatement("UPDATE item SET v = ? WHERE id = 1")) {
        long round = 0;
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals("exit")) {
            return;
          }
          int writes = Integer.parseInt(line.substring("run ".length()));
          long[] micros = new long[writes];
          for (int i = 0; i < writes; i++) {
            long start = System.nanoTime();
            update.setLong(1, ++round);
            update.executeUpdate();
            connection.commit();
            micros[i] = (System.nanoTime() - start) / 1_000;
          }
          Arrays.sort(micros);
          long sum = 0;
          for (long value : micros) {
            sum += value;
          }
          System.out.println("result " + micros[writes / 2] + " " + micros[(int) Math.min(writes - 1, writes * 0.99)]
              + " " + sum / writes + " " + micros[writes - 1]);
        }
      }
    }
  }
}
