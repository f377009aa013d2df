package dev.cacheinvalidation.it.foundation;

import dev.cacheinvalidation.it.harness.Scenario;
import dev.cacheinvalidation.it.harness.StderrInvalidations;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scenario: the JDBC driver lives in a class loader of the application's own (as in a Spring Boot executable
 * jar, an application server or a plugin system), not on the system class path where the agent jar is. Its
 * writes must be detected all the same. Argument: the H2 jar. Reports {@code invalidated}: the names of each
 * invalidation of the INSERT.
 */
public final class ChildLoaderJdbcScenario {
  private ChildLoaderJdbcScenario() {}

  public static void main(String[] args) throws Exception {
    List<String> invalidated = new CopyOnWriteArrayList<>();
    StderrInvalidations.install(line -> {}, line -> invalidated.add(line.names()));
    URL h2 = Path.of(args[0]).toUri().toURL();
    try (URLClassLoader application = new URLClassLoader(new URL[] {h2}, ClassLoader.getSystemClassLoader())) {
      Driver driver = (Driver) Class.forName("org.h2.Driver", true, application).getDeclaredConstructor()
          .newInstance();
      try (Connection connection = driver.connect("jdbc:h2:mem:child", new Properties());
          Statement statement = connection.createStatement()) {
        statement.execute("create table child_category (id int primary key, name varchar(20))");
        invalidated.clear();
        statement.executeUpdate("insert into child_category values (1, 'Books')");
      }
    }
    Scenario.report("invalidated", invalidated);
  }
}
