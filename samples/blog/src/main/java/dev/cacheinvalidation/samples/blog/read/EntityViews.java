package dev.cacheinvalidation.samples.blog.read;

import dev.cacheinvalidation.samples.blog.model.Category;
import dev.cacheinvalidation.samples.blog.model.Comment;
import dev.cacheinvalidation.samples.blog.model.Post;
import dev.cacheinvalidation.samples.blog.model.Tag;

/** Turns any blog entity into its view, for code that handles entities generically. Stateless. */
public final class EntityViews {
  private EntityViews() {}

  /** The entity's view; throws IllegalArgumentException for an object that is not a blog entity. */
  public static Object of(Object entity) {
    if (entity instanceof Category category) {
      return CategoryView.of(category);
    }
    if (entity instanceof Tag tag) {
      return TagView.of(tag);
    }
    if (entity instanceof Post post) {
      return PostView.of(post);
    }
    if (entity instanceof Comment comment) {
      return CommentView.of(comment);
    }
    throw new IllegalArgumentException("not a blog entity: " + entity.getClass().getName());
  }
}
