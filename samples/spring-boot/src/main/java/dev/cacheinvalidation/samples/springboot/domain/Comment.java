package dev.cacheinvalidation.samples.springboot.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A comment on a post; written through its post's cascade. Not thread-safe. */
@Entity
public class Comment {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(optional = false)
  private Post post;

  private String text;

  protected Comment() {}

  Comment(Post post, String text) {
    this.post = post;
    this.text = text;
  }

  public Long getId() {
    return id;
  }

  public Post getPost() {
    return post;
  }

  public String getText() {
    return text;
  }
}
