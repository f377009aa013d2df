package dev.cacheinvalidation.samples.springboot.service;

import dev.cacheinvalidation.samples.springboot.domain.Category;
import dev.cacheinvalidation.samples.springboot.domain.Comment;
import dev.cacheinvalidation.samples.springboot.domain.Post;
import dev.cacheinvalidation.samples.springboot.domain.Tag;
import java.io.Serializable;
import java.util.List;

/**
 * What the application caches and returns: immutable snapshots of entities, detached from any session
 * (serializable for the Redis cache). Thread-safe.
 */
public final class Views {
  private Views() {}

  /** A category. */
  public record CategoryView(long id, String name) implements Serializable {
    static CategoryView of(Category category) {
      return new CategoryView(category.getId(), category.getName());
    }
  }

  /** A tag. */
  public record TagView(long id, String name) implements Serializable {
    static TagView of(Tag tag) {
      return new TagView(tag.getId(), tag.getName());
    }
  }

  /** A post with its category's name, its tags' names (sorted) and how many comments it has. */
  public record PostView(long id, String title, String category, List<String> tags, int comments)
      implements Serializable {
    static PostView of(Post post) {
      List<String> tags = post.getTags().stream().map(Tag::getName).sorted().toList();
      return new PostView(post.getId(), post.getTitle(), post.getCategory().getName(), tags,
          post.getComments().size());
    }
  }

  /** A comment. */
  public record CommentView(long id, String text) implements Serializable {
    static CommentView of(Comment comment) {
      return new CommentView(comment.getId(), comment.getText());
    }
  }

  /** A category's name and how many posts it has (the Redis-cached read). */
  public record CategoryStats(long id, String name, long posts) implements Serializable {}
}
