package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;

/** A single-table subclass of {@link Vehicle}. */
@Entity
public class Truck extends Vehicle {
  public int axles;

  public Truck() {}

  public Truck(long id, String name, int axles) {
    super(id, name);
    this.axles = axles;
  }
}
