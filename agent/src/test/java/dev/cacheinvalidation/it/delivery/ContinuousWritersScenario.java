package dev.cacheinvalidation.it.delivery;

import dev.cacheinvalidation.it.harness.Scenario;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forked-JVM scenario (application code only): writer threads that commit updates to H2 tables in a loop, as
 * an application under load would, timing every {@code commit()} and counting exceptions. Each writer owns
 * one table (argument list, e.g. {@code category post}).
 *
 * <p>Commands: {@code start} begins writing; {@code pause} holds the writers and reports {@code paused} once no
 * commit is under way; {@code resume} lets them go on; {@code mark} reports {@code marked=<commits so far>};
 * {@code stop} stops and reports {@code commits}, {@code errors}, {@code maxCommitMillis}, then exits.
 */
public final class ContinuousWritersScenario {
  private ContinuousWritersScenario() {}

  public static void main(String[] tables) throws Exception {
    String url = "jdbc:h2:mem:writers;DB_CLOSE_DELAY=-1";
    try (Connection setup = DriverManager.getConnection(url); Statement statement = setup.createStatement()) {
      for (String table : tables) {
        statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(100))");
        statement.execute("INSERT INTO " + table + " VALUES (1, 'first')");
      }
    }
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean paused = new AtomicBoolean(false);
    AtomicLong busy = new AtomicLong();
    AtomicLong commits = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong maxCommitNanos = new AtomicLong();
    Object go = new Object();
    boolean[] started = {false};
    List<Thread> writers = new ArrayList<>();
    for (String table : tables) {
      Thread writer = new Thread(() -> {
        synchronized (go) {
          while (!started[0]) {
            try {
              go.wait();
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        try (Connection connection = DriverManager.getConnection(url)) {
          connection.setAutoCommit(false);
          for (long round = 0; running.get(); round++) {
            busy.incrementAndGet();
            if (paused.get()) {
              busy.decrementAndGet();
              Thread.sleep(5);
              continue;
            }
            try (Statement statement = connection.createStatement()) {
              statement.executeUpdate("UPDATE " + table + " SET name = 'v" + round + "' WHERE id = 1");
              long start = System.nanoTime();
              connection.commit();
              maxCommitNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
              commits.incrementAndGet();
            } catch (Exception e) {
              errors.incrementAndGet();
              System.out.println("writer error: " + e);
            } finally {
              busy.decrementAndGet();
            }
            Thread.sleep(2);
          }
        } catch (Exception e) {
          errors.incrementAndGet();
          System.out.println("writer error: " + e);
        }
      }, "writer-" + table);
      writer.start();
      writers.add(writer);
    }
    Scenario.report("ready", ProcessHandle.current().pid());
    for (String command; (command = Scenario.awaitCommand()) != null; ) {
      switch (command) {
        case "start" -> {
          synchronized (go) {
            started[0] = true;
            go.notifyAll();
          }
          Scenario.report("started", true);
        }
        case "pause" -> {
          paused.set(true);
          while (busy.get() > 0) {
            Thread.sleep(1);
          }
          Scenario.report("paused", commits.get());
        }
        case "resume" -> {
          paused.set(false);
          Scenario.report("resumed", commits.get());
        }
        case "mark" -> Scenario.report("marked", commits.get());
        case "stop" -> {
          running.set(false);
          for (Thread writer : writers) {
            writer.join();
          }
          Scenario.report("commits", commits.get());
          Scenario.report("errors", errors.get());
          Scenario.report("maxCommitMillis", maxCommitNanos.get() / 1_000_000);
          return;
        }
        default -> Scenario.report("unknown", command);
      }
    }
  }
}
