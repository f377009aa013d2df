package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.SecondaryTable;

/** An entity with a secondary table: a write to {@code author_bio} is a write to {@code Author}. */
@Entity
@SecondaryTable(name = "author_bio")
public class Author {
  @Id
  public Long id;
  public String name;

  @Column(table = "author_bio")
  public String bio;

  public Author() {}

  public Author(long id, String name, String bio) {
    this.id = id;
    this.name = name;
    this.bio = bio;
  }
}
