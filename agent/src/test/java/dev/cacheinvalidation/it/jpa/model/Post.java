package dev.cacheinvalidation.it.jpa.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A post: cascades to its comments (one-to-many, inverse), and has tags through join table {@code post_tags}. */
@Entity
public class Post {
  @Id
  public Long id;
  public String title;

  @OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true)
  public List<Comment> comments = new ArrayList<>();

  @ManyToMany
  @JoinTable(name = "post_tags")
  public Set<Tag> tags = new HashSet<>();

  public Post() {}

  public Post(long id, String title) {
    this.id = id;
    this.title = title;
  }
}
