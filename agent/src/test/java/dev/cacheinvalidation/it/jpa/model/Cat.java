package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;

/** A joined subclass of {@link Animal} (table {@code cat}). */
@Entity
public class Cat extends Animal {
  public int lives;

  public Cat() {}

  public Cat(long id, String name) {
    super(id, name);
    this.lives = 9;
  }
}
