package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import java.util.HashSet;
import java.util.Set;

/** A tag: the inverse side of {@code Post.tags}. */
@Entity
public class Tag {
  @Id
  public Long id;
  public String name;

  @ManyToMany(mappedBy = "tags")
  public Set<Post> posts = new HashSet<>();

  public Tag() {}

  public Tag(long id, String name) {
    this.id = id;
    this.name = name;
  }
}
