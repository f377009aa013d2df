package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;

/** A single-table subclass of {@link Vehicle}. */
@Entity
public class Car extends Vehicle {
  public int seats;

  public Car() {}

  public Car(long id, String name, int seats) {
    super(id, name);
    this.seats = seats;
  }
}
