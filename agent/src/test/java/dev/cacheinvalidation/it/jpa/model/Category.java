package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;

/**
 * An entity whose table name differs from its entity name: {@code blog_category} is {@code Category}. Its
 * {@code @PostPersist} callback runs {@link #afterInsert} when set: the callback runs inside Hibernate's insert
 * action, between its SQL and the action's end.
 */
@Entity
@Table(name = "blog_category")
public class Category {
  /** Run by the callback when not null; the scenario sets it for one step. */
  public static volatile Runnable afterInsert;

  @Id
  public Long id;
  public String name;

  public Category() {}

  public Category(long id, String name) {
    this.id = id;
    this.name = name;
  }

  @PostPersist
  void inserted() {
    Runnable hook = afterInsert;
    if (hook != null) {
      hook.run();
    }
  }
}
