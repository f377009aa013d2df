package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity whose table name differs from its entity name: {@code blog_category} is {@code Category}. */
@Entity
@Table(name = "blog_category")
public class Category {
  @Id
  public Long id;
  public String name;

  public Category() {}

  public Category(long id, String name) {
    this.id = id;
    this.name = name;
  }
}
