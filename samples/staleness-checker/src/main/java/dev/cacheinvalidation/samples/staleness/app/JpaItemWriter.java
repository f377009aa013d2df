package dev.cacheinvalidation.samples.staleness.app;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;

/** Hibernate: find the entity under a row lock, change it, commit (a dirty-checked flush) or roll back. */
final class JpaItemWriter implements ItemWriter {
  private final EntityManager entityManager;

  JpaItemWriter(EntityManagerFactory factory) {
    this.entityManager = factory.createEntityManager();
  }

  @Override
  public long write(long id, boolean commit, Runnable beforeCommit) {
    // A fresh persistence context each time: a cached entity would carry an old version into the update.
    entityManager.clear();
    var transaction = entityManager.getTransaction();
    transaction.begin();
    try {
      Item item = entityManager.find(Item.class, id, LockModeType.PESSIMISTIC_WRITE);
      item.version++;
      item.payload = "jpa-" + System.nanoTime();
      if (!commit) {
        entityManager.flush();
        transaction.rollback();
        return ROLLED_BACK;
      }
      beforeCommit.run();
      transaction.commit();
      return item.version;
    } catch (RuntimeException e) {
      if (transaction.isActive()) {
        transaction.rollback();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    entityManager.close();
  }
}
