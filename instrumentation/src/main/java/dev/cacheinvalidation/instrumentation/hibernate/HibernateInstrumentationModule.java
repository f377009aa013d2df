package dev.cacheinvalidation.instrumentation.hibernate;

import dev.cacheinvalidation.instrumentation.api.InstrumentationModule;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import java.util.List;

/**
 * Detects JPA/Hibernate writes (module {@code jpa}); Hibernate ORM 6.6 and 7.x, {@code jakarta.persistence}.
 *
 * <p>Where each fact comes from:
 * <ul>
 *   <li>the metamodel (entity names, their tables, join tables): {@code SessionFactoryImpl}'s constructor;
 *   <li>what the application asked for: {@code SessionImpl} persist/merge/remove/save/update/saveOrUpdate/delete
 *       (and the overloads Hibernate's cascades call), {@code StatelessSessionImpl} insert/update/delete/upsert;
 *   <li>what a flush actually wrote, including dirty-checked updates, cascades, orphan removal and collection
 *       (join table) changes: the entity and collection actions' {@code execute()};
 *   <li>bulk JPQL/HQL/criteria updates and deletes: the SQM query's {@code doExecuteUpdate()};
 *   <li>the end of the unit of work: {@code SessionImpl/StatelessSessionImpl.afterTransactionCompletion}, which
 *       Hibernate calls for resource-local and JTA transactions alike, inside
 *       {@code TransactionImpl.commit()}, which opens the commit scope that merges JDBC's names with ours.
 * </ul>
 * Methods are matched by name and shape, not by signature, so the deprecated Session API that 6.6 still has and
 * 7 removed is covered where present. Immutable and thread-safe.
 */
public final class HibernateInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "jpa";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new SessionFactoryInstrumentation(),
        new SessionInstrumentation(),
        new StatelessSessionInstrumentation(),
        new TransactionInstrumentation(),
        new FlushActionInstrumentation(),
        new BulkUpdateInstrumentation());
  }
}
