package dev.cacheinvalidation.samples.overhead.child;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate on H2 in memory through a HikariCP pool, as an application would run it: {@code persist} of one
 * entity per transaction (begin, persist, commit) and {@code find} by id. The entity manager is cleared after
 * each operation, so every {@code find} reaches the database and every persist starts from an empty context.
 *
 * <p>Not thread-safe.
 */
final class JpaWorkloads implements AutoCloseable {
  private static final int ROWS = 1_000;

  private final HikariDataSource dataSource = new HikariDataSource();
  private final SessionFactory factory;
  private final EntityManager entityManager;
  private final List<Long> ids = new ArrayList<>(ROWS);
  private final long lastSeededId;

  JpaWorkloads() {
    dataSource.setJdbcUrl("jdbc:h2:mem:jpa;DB_CLOSE_DELAY=-1");
    dataSource.setMaximumPoolSize(2);
    Configuration configuration = new Configuration().addAnnotatedClass(Note.class);
    configuration.getProperties().put("hibernate.connection.datasource", dataSource);
    configuration.setProperty("hibernate.hbm2ddl.auto", "create-drop");
    factory = configuration.buildSessionFactory();
    seed();
    lastSeededId = ids.get(ids.size() - 1);
    entityManager = factory.createEntityManager();
  }

  /**
   * Inserts the rows {@code find} reads, with an entity manager of its own: a persistence context that once held
   * a thousand entities keeps maps of that capacity, and every {@code clear()} of the workloads would then walk
   * them (about a third of a {@code persist} + {@code commit}, the same with and without an agent).
   */
  private void seed() {
    EntityManager seeding = factory.createEntityManager();
    try {
      seeding.getTransaction().begin();
      for (int i = 0; i < ROWS; i++) {
        Note note = new Note("note " + i);
        seeding.persist(note);
        ids.add(note.id());
      }
      seeding.getTransaction().commit();
    } finally {
      seeding.close();
    }
  }

  List<Workload> workloads() {
    return List.of(new Persist(), new Find());
  }

  @Override
  public void close() {
    entityManager.close();
    factory.close();
    dataSource.close();
  }

  private final class Persist extends Workload {
    Persist() {
      super("jpa.persist+commit", true);
    }

    @Override
    void run(int count) {
      for (int i = 0; i < count; i++) {
        entityManager.getTransaction().begin();
        entityManager.persist(new Note("persisted"));
        entityManager.getTransaction().commit();
        entityManager.clear();
      }
    }

    @Override
    void reset() {
      entityManager.getTransaction().begin();
      entityManager.createQuery("DELETE FROM Note WHERE id > :last").setParameter("last", lastSeededId)
          .executeUpdate();
      entityManager.getTransaction().commit();
    }
  }

  private final class Find extends Workload {
    Find() {
      super("jpa.find", false);
    }

    private int next;
    /** Written to a field so the JIT cannot drop the reading. */
    long checksum;

    @Override
    void run(int count) {
      for (int i = 0; i < count; i++) {
        Note note = entityManager.find(Note.class, ids.get(next++ % ROWS));
        checksum += note.text().length();
        entityManager.clear();
      }
    }
  }
}
