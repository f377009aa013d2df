package dev.cacheinvalidation.samples.springboot.service;

import dev.cacheinvalidation.samples.springboot.domain.Category;
import dev.cacheinvalidation.samples.springboot.domain.CategoryRepository;
import dev.cacheinvalidation.samples.springboot.domain.CommentRepository;
import dev.cacheinvalidation.samples.springboot.domain.PostRepository;
import dev.cacheinvalidation.samples.springboot.domain.TagRepository;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryStats;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryView;
import dev.cacheinvalidation.samples.springboot.service.Views.CommentView;
import dev.cacheinvalidation.samples.springboot.service.Views.PostView;
import dev.cacheinvalidation.samples.springboot.service.Views.TagView;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads straight from the database, uncached: what {@link CachedBlogReads} caches, and what the
 * {@code /api/db/...} endpoints return so a client can compare the cache with the truth. Missing rows throw
 * {@link NoSuchElementException}. Thread-safe.
 */
@Service
@Transactional(readOnly = true)
public class BlogQueries {
  private final CategoryRepository categories;
  private final TagRepository tags;
  private final PostRepository posts;
  private final CommentRepository comments;

  public BlogQueries(CategoryRepository categories, TagRepository tags, PostRepository posts,
      CommentRepository comments) {
    this.categories = categories;
    this.tags = tags;
    this.posts = posts;
    this.comments = comments;
  }

  public CategoryView category(long id) {
    return CategoryView.of(categories.findById(id).orElseThrow(() -> missing("category", id)));
  }

  public TagView tag(long id) {
    return TagView.of(tags.findById(id).orElseThrow(() -> missing("tag", id)));
  }

  public PostView post(long id) {
    return PostView.of(posts.findById(id).orElseThrow(() -> missing("post", id)));
  }

  public List<CommentView> comments(long postId) {
    return comments.findByPostIdOrderById(postId).stream().map(CommentView::of).toList();
  }

  public CategoryStats categoryStats(long id) {
    Category category = categories.findById(id).orElseThrow(() -> missing("category", id));
    long count = posts.findAll().stream().filter(post -> post.getCategory().getId() == id).count();
    return new CategoryStats(id, category.getName(), count);
  }

  static NoSuchElementException missing(String what, long id) {
    return new NoSuchElementException("no " + what + " " + id);
  }
}
