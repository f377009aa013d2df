package dev.cacheinvalidation.samples.springboot.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A post in a category, with tags (many-to-many through {@code post_tags}) and comments (cascaded and
 * orphan-removed: saving or deleting a post writes its comments too). Not thread-safe.
 */
@Entity
public class Post {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String title;

  @ManyToOne(optional = false)
  private Category category;

  @ManyToMany
  @JoinTable(name = "post_tags")
  private Set<Tag> tags = new LinkedHashSet<>();

  @OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true)
  private List<Comment> comments = new ArrayList<>();

  protected Post() {}

  public Post(String title, Category category) {
    this.title = title;
    this.category = category;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public Category getCategory() {
    return category;
  }

  public Set<Tag> getTags() {
    return tags;
  }

  public List<Comment> getComments() {
    return comments;
  }

  /** Adds a comment; it is stored with the post (cascade). */
  public Comment addComment(String text) {
    Comment comment = new Comment(this, text);
    comments.add(comment);
    return comment;
  }
}
