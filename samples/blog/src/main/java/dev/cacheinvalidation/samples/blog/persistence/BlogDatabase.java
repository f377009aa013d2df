package dev.cacheinvalidation.samples.blog.persistence;

import dev.cacheinvalidation.samples.blog.model.Category;
import dev.cacheinvalidation.samples.blog.model.Comment;
import dev.cacheinvalidation.samples.blog.model.Post;
import dev.cacheinvalidation.samples.blog.model.Tag;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The blog's Hibernate session factory on an in-memory H2 database, and the two ways the application uses
 * it: a read-only session and a transaction. Thread-safe.
 */
public final class BlogDatabase implements AutoCloseable {
  // Held so the level set below is not lost when the JDK collects an unreferenced logger.
  private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");
  // Refused writes (a taken name) are reported to the caller as BlogException; Hibernate's own report is noise.
  private static final Logger SQL_EXCEPTION_LOG = Logger.getLogger("org.hibernate.engine.jdbc.spi.SqlExceptionHelper");

  private final SessionFactory sessionFactory;

  private BlogDatabase(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  /** Creates the schema in a fresh in-memory database named {@code name}. */
  public static BlogDatabase open(String name) {
    // Hibernate logs its start-up banner at INFO through JUL; the demo's narration should stand alone.
    System.setProperty("org.jboss.logging.provider", "jdk");
    HIBERNATE_LOG.setLevel(Level.WARNING);
    SQL_EXCEPTION_LOG.setLevel(Level.OFF);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    Configuration configuration = new Configuration()
        .addAnnotatedClass(Category.class)
        .addAnnotatedClass(Tag.class)
        .addAnnotatedClass(Post.class)
        .addAnnotatedClass(Comment.class);
    configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create");
    configuration.setProperty(AvailableSettings.XML_MAPPING_ENABLED, "false");
    return new BlogDatabase(configuration.buildSessionFactory());
  }

  /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    try (EntityManager entityManager = sessionFactory.createEntityManager()) {
      EntityTransaction transaction = entityManager.getTransaction();
      transaction.begin();
      try {
        T result = work.apply(entityManager);
        transaction.commit();
        return result;
      } catch (RuntimeException e) {
        if (transaction.isActive()) {
          transaction.rollback();
        }
        throw e;
      }
    }
  }

  /** Runs {@code work} in a session that writes nothing. */
  public <T> T read(Function<EntityManager, T> work) {
    try (EntityManager entityManager = sessionFactory.createEntityManager()) {
      return work.apply(entityManager);
    }
  }

  /** The mapped entity types, for the generated part of the GraphQL schema. */
  public jakarta.persistence.metamodel.Metamodel metamodel() {
    return sessionFactory.getMetamodel();
  }

  @Override
  public void close() {
    sessionFactory.close();
  }
}
