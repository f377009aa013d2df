package dev.cacheinvalidation.samples.blog.read;

import dev.cacheinvalidation.samples.blog.model.Post;
import dev.cacheinvalidation.samples.blog.model.Tag;
import java.util.List;

/**
 * What the read side caches of a post: its own columns and the ids it refers to (a category's or a tag's
 * name is read through that entity's own cache). Immutable.
 */
public record PostView(long id, String title, String body, Long categoryId, List<Long> tagIds) {
  public static PostView of(Post post) {
    Long categoryId = post.getCategory() == null ? null : post.getCategory().getId();
    List<Long> tagIds = post.getTags().stream().map(Tag::getId).sorted().toList();
    return new PostView(post.getId(), post.getTitle(), post.getBody(), categoryId, tagIds);
  }
}
