package dev.cacheinvalidation.samples.blog.read;

import dev.cacheinvalidation.samples.blog.model.Tag;

/** What the read side caches of a tag. Immutable. */
public record TagView(long id, String name) {
  public static TagView of(Tag tag) {
    return new TagView(tag.getId(), tag.getName());
  }
}
