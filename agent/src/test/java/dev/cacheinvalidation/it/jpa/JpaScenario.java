package dev.cacheinvalidation.it.jpa;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import dev.cacheinvalidation.it.harness.Scenario;
import dev.cacheinvalidation.it.jpa.model.Animal;
import dev.cacheinvalidation.it.jpa.model.Author;
import dev.cacheinvalidation.it.jpa.model.Car;
import dev.cacheinvalidation.it.jpa.model.Cat;
import dev.cacheinvalidation.it.jpa.model.Category;
import dev.cacheinvalidation.it.jpa.model.Comment;
import dev.cacheinvalidation.it.jpa.model.Dog;
import dev.cacheinvalidation.it.jpa.model.Post;
import dev.cacheinvalidation.it.jpa.model.Tag;
import dev.cacheinvalidation.it.jpa.model.Truck;
import dev.cacheinvalidation.it.jpa.model.Vehicle;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.cfg.Configuration;

/**
 * A JPA application on Hibernate (6.6 or 7, whichever the testbed holds): runs every write the JPA detection
 * must see, once with sources {@code jpa} and once with {@code jpa,jdbc}, and reports for each step which cache
 * names were invalidated and by how many invalidations ({@code @@ <sources>.<step>=<names>|<count>}).
 *
 * <p>Arguments: JDBC URL, user, password, schema (or {@code -}). Uses only the application's libraries and the
 * JDK (the agent is observed through its MBean on the platform server, by name).
 */
public final class JpaScenario {
  static final List<String> NAMES =
      List.of("category", "post", "comment", "tag", "vehicle", "car", "truck", "animal", "dog", "cat", "author");

  private final SessionFactory factory;
  private final Cache<String, String> cache = Caffeine.newBuilder().build();
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final ObjectName agent;
  private final String schemaPrefix;
  private final String[] connectionArgs;

  private JpaScenario(SessionFactory factory, String schema, String... connectionArgs) throws Exception {
    this.factory = factory;
    this.connectionArgs = connectionArgs;
    this.agent = new ObjectName("dev.cacheinvalidation:type=Agent");
    this.schemaPrefix = schema.equals("-") ? "" : schema + ".";
  }

  public static void main(String[] args) throws Exception {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(args[0]);
    dataSource.setUsername(args[1]);
    dataSource.setPassword(args[2]);
    Configuration configuration = new Configuration();
    for (Class<?> type : List.of(Category.class, Post.class, Comment.class, Tag.class, Vehicle.class, Car.class,
        Truck.class, Animal.class, Dog.class, Cat.class, Author.class)) {
      configuration.addAnnotatedClass(type);
    }
    configuration.getProperties().put("hibernate.connection.datasource", dataSource);
    configuration.setProperty("hibernate.hbm2ddl.auto", "create-drop");
    if (!args[3].equals("-")) {
      configuration.setProperty("hibernate.default_schema", args[3]);
      configuration.setProperty("hibernate.hbm2ddl.create_namespaces", "true");
    }
    try (SessionFactory factory = configuration.buildSessionFactory()) {
      JpaScenario scenario = new JpaScenario(factory, args[3], args[0], args[1], args[2]);
      scenario.awaitAgent();
      Scenario.report("hibernate", org.hibernate.Version.getVersionString());
      scenario.run("jpa", 0);
      scenario.run("jpa,jdbc", 100);
    } finally {
      dataSource.close();
    }
    Scenario.report("done", "true");
  }

  private void awaitAgent() throws Exception {
    for (int i = 0; i < 500 && !server.isRegistered(agent); i++) {
      Thread.sleep(10);
    }
  }

  private void run(String sources, long b) throws Exception {
    server.setAttribute(agent, new Attribute("Sources", sources));
    inTransaction(em -> {
      Tag tag1 = new Tag(b + 1, "t1");
      Tag tag2 = new Tag(b + 2, "t2");
      Post post1 = new Post(b + 1, "p1");
      post1.tags.add(tag1);
      Post post2 = new Post(b + 2, "p2");
      post2.comments.add(new Comment(b + 1, "c1", post2));
      post2.comments.add(new Comment(b + 2, "c2", post2));
      List.of(new Category(b + 1, "c"), tag1, tag2, post1, post2, new Comment(b + 3, "c3", post1),
          new Car(b + 1, "car", 4), new Truck(b + 2, "truck", 2), new Dog(b + 1, "rex"), new Cat(b + 2, "tom"),
          new Author(b + 1, "a", "bio")).forEach(em::persist);
    });

    step(sources, "persist", () -> inTransaction(em -> {
      em.persist(new Category(b + 10, "new"));
      em.flush();
      // Flushed but not committed: nothing may be invalidated yet.
      Scenario.report(sources + ".persist.beforeCommit", removedNames());
    }));
    step(sources, "merge", () -> inTransaction(em -> em.merge(new Category(b + 10, "merged"))));
    step(sources, "dirty", () -> inTransaction(em -> em.find(Category.class, b + 1).name = "dirty"));
    step(sources, "remove", () -> inTransaction(em -> em.remove(em.find(Category.class, b + 10))));
    step(sources, "rollback", () -> inRollback(em -> em.persist(new Category(b + 11, "never"))));
    step(sources, "flushRollback", () -> inRollback(em -> {
      em.persist(new Category(b + 12, "never"));
      em.flush();
    }));
    // An entity callback inside the flush writes through a connection of its own (autocommit): that write is
    // durable at once, whatever becomes of the session's transaction, so it is invalidated at once.
    step(sources, "otherConnectionInFlush", () -> {
      Category.afterInsert = () -> autocommitUpdate(
          "update " + schemaPrefix + "author_bio set bio = 'callback' where id = " + (b + 1));
      try {
        inRollback(em -> {
          em.persist(new Category(b + 13, "never"));
          em.flush();
        });
      } finally {
        Category.afterInsert = null;
      }
    });
    step(sources, "bulkUpdate", () -> inTransaction(em -> em.createQuery(
        "update Category c set c.name = :name where c.id = :id").setParameter("name", "bulk")
        .setParameter("id", b + 1).executeUpdate()));
    step(sources, "bulkDelete", () -> inTransaction(em -> em.createQuery("delete from Comment c where c.id = :id")
        .setParameter("id", b + 3).executeUpdate()));
    step(sources, "bulkJoinedRoot", () -> inTransaction(em -> em.createQuery(
        "update Animal a set a.name = :name where a.id = :id").setParameter("name", "bulk")
        .setParameter("id", b + 1).executeUpdate()));
    step(sources, "nativeUpdate", () -> inTransaction(em -> em.createNativeQuery(
        "update " + schemaPrefix + "blog_category set name = 'native' where id = " + (b + 1)).executeUpdate()));
    step(sources, "secondaryTable", () -> inTransaction(em -> em.createNativeQuery(
        "update " + schemaPrefix + "author_bio set bio = 'native' where id = " + (b + 1)).executeUpdate()));
    step(sources, "cascadeRemove", () -> inTransaction(em -> em.remove(em.find(Post.class, b + 2))));
    step(sources, "tagAdd", () -> inTransaction(em -> em.find(Post.class, b + 1).tags.add(em.find(Tag.class, b + 2))));
    step(sources, "tagRemove", () -> inTransaction(em -> em.find(Post.class, b + 1).tags
        .removeIf(tag -> tag.id == b + 2)));
    step(sources, "singleTablePersist", () -> inTransaction(em -> em.persist(new Car(b + 10, "new", 2))));
    step(sources, "singleTableDirty", () -> inTransaction(em -> em.find(Truck.class, b + 2).axles = 6));
    step(sources, "joinedPersist", () -> inTransaction(em -> em.persist(new Dog(b + 10, "new"))));
    step(sources, "joinedDirty", () -> inTransaction(em -> em.find(Cat.class, b + 2).lives = 3));
    step(sources, "statelessAutocommit", () -> {
      try (StatelessSession session = factory.openStatelessSession()) {
        session.insert(new Category(b + 20, "stateless"));
      }
    });
    step(sources, "statelessTransaction", () -> {
      try (StatelessSession session = factory.openStatelessSession()) {
        session.beginTransaction();
        session.update(new Category(b + 20, "stateless2"));
        session.getTransaction().commit();
      }
    });
  }

  private void autocommitUpdate(String sql) {
    try (Connection connection =
            DriverManager.getConnection(connectionArgs[0], connectionArgs[1], connectionArgs[2]);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fills the cache, runs the step, reports the names whose entries are gone and the invalidations issued. */
  private void step(String sources, String name, ThrowingRunnable action) throws Exception {
    for (String entity : NAMES) {
      cache.put(entity + ":1", "cached");
    }
    long before = caffeineInvalidations();
    String outcome;
    try {
      action.run();
      outcome = removedNames() + "|" + (caffeineInvalidations() - before);
    } catch (Exception e) {
      outcome = "error " + e;
      e.printStackTrace();
    }
    Scenario.report(sources + "." + name, outcome);
  }

  private String removedNames() {
    TreeSet<String> removed = new TreeSet<>();
    for (String entity : NAMES) {
      if (cache.getIfPresent(entity + ":1") == null) {
        removed.add(entity);
      }
    }
    return String.join(",", removed);
  }

  private long caffeineInvalidations() throws Exception {
    TabularData table = (TabularData) server.getAttribute(agent, "InvalidationsByStrategy");
    for (Object row : table.values()) {
      CompositeData entry = (CompositeData) row;
      if ("caffeine".equals(entry.get("key"))) {
        return ((Number) entry.get("value")).longValue();
      }
    }
    return 0;
  }

  // Through EntityManagerFactory: 7's SessionFactory.createEntityManager() returns Session, a method 6.6 lacks.
  private void inTransaction(Consumer<EntityManager> work) {
    try (EntityManager em = ((EntityManagerFactory) factory).createEntityManager()) {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().commit();
    }
  }

  private void inRollback(Consumer<EntityManager> work) {
    try (EntityManager em = ((EntityManagerFactory) factory).createEntityManager()) {
      em.getTransaction().begin();
      work.accept(em);
      em.getTransaction().rollback();
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
