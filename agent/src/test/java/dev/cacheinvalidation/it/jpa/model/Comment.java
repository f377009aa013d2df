package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A comment of a {@link Post}. */
@Entity
public class Comment {
  @Id
  public Long id;
  public String text;

  @ManyToOne
  public Post post;

  public Comment() {}

  public Comment(long id, String text, Post post) {
    this.id = id;
    this.text = text;
    this.post = post;
  }
}
