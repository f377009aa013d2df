package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** Root of a single-table hierarchy (table {@code vehicle}): {@link Car}, {@link Truck}. */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
public class Vehicle {
  @Id
  public Long id;
  public String name;

  public Vehicle() {}

  public Vehicle(long id, String name) {
    this.id = id;
    this.name = name;
  }
}
