package dev.cacheinvalidation.samples.blog.read;

import dev.cacheinvalidation.samples.blog.model.Category;

/** What the read side caches of a category. Immutable. */
public record CategoryView(long id, String name, String description) {
  public static CategoryView of(Category category) {
    return new CategoryView(category.getId(), category.getName(), category.getDescription());
  }
}
