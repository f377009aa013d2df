package dev.cacheinvalidation.samples.blog.persistence;

import dev.cacheinvalidation.samples.blog.model.Category;
import dev.cacheinvalidation.samples.blog.model.Comment;
import dev.cacheinvalidation.samples.blog.model.Post;
import dev.cacheinvalidation.samples.blog.model.Tag;
import java.util.List;

/**
 * The blog's first content, with predictable ids: categories 1 Books, 2 Music; tags 1 java, 2 caching,
 * 3 graphql; posts 1 (Books; java, caching) and 2 (Music; java); one comment on post 1.
 */
public final class SeedData {
  private SeedData() {}

  public static void insert(BlogDatabase database) {
    database.inTransaction(session -> {
      Category books = new Category("Books", "Reading notes");
      Category music = new Category("Music", "What plays while the build runs");
      Tag java = new Tag("java");
      Tag caching = new Tag("caching");
      Tag graphql = new Tag("graphql");
      List.of(books, music, java, caching, graphql).forEach(session::persist);
      Post first = new Post("Caching without tears", "Who removes the stale entry?", books);
      first.getTags().addAll(List.of(java, caching));
      Post second = new Post("Playlists for long builds", "Two hours of fugues.", music);
      second.getTags().add(java);
      session.persist(first);
      session.persist(second);
      session.persist(new Comment(first, "ada", "Nobody, usually."));
      return null;
    });
  }
}
