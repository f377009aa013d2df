package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** Root of a joined hierarchy: tables {@code animal}, {@code dog}, {@code cat}. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Animal {
  @Id
  public Long id;
  public String name;

  public Animal() {}

  public Animal(long id, String name) {
    this.id = id;
    this.name = name;
  }
}
