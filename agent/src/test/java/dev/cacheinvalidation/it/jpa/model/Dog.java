package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;

/** A joined subclass of {@link Animal} (table {@code dog}). */
@Entity
public class Dog extends Animal {
  public boolean barks;

  public Dog() {}

  public Dog(long id, String name) {
    super(id, name);
    this.barks = true;
  }
}
