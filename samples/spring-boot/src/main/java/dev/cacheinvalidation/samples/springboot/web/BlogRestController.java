package dev.cacheinvalidation.samples.springboot.web;

import dev.cacheinvalidation.samples.springboot.domain.Category;
import dev.cacheinvalidation.samples.springboot.domain.CategoryRepository;
import dev.cacheinvalidation.samples.springboot.domain.Tag;
import dev.cacheinvalidation.samples.springboot.domain.TagRepository;
import dev.cacheinvalidation.samples.springboot.service.BlogQueries;
import dev.cacheinvalidation.samples.springboot.service.BlogWrites;
import dev.cacheinvalidation.samples.springboot.service.CachedBlogReads;
import dev.cacheinvalidation.samples.springboot.service.JdbcWrites;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryStats;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryView;
import dev.cacheinvalidation.samples.springboot.service.Views.CommentView;
import dev.cacheinvalidation.samples.springboot.service.Views.PostView;
import dev.cacheinvalidation.samples.springboot.service.Views.TagView;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API. {@code GET /api/...} reads through the caches; {@code GET /api/db/...} reads the database
 * directly; every other method writes, by a different path: Spring Data repository calls, the
 * {@code @Transactional} service, a JPQL bulk update, plain {@code JdbcTemplate} SQL. No endpoint evicts.
 */
@RestController
@RequestMapping("/api")
public class BlogRestController {
  private final CachedBlogReads cached;
  private final BlogQueries database;
  private final BlogWrites writes;
  private final JdbcWrites jdbc;
  private final CategoryRepository categories;
  private final TagRepository tags;

  public BlogRestController(CachedBlogReads cached, BlogQueries database, BlogWrites writes, JdbcWrites jdbc,
      CategoryRepository categories, TagRepository tags) {
    this.cached = cached;
    this.database = database;
    this.writes = writes;
    this.jdbc = jdbc;
    this.categories = categories;
    this.tags = tags;
  }

  /** A request body with a name. */
  public record NameBody(String name) {}

  /** A request body with a text. */
  public record TextBody(String text) {}

  /** A request body for a new post. */
  public record PostBody(String title, long categoryId, List<Long> tagIds) {}

  // --- reads through the caches --------------------------------------------------------------------

  @GetMapping("/categories/{id}")
  public CategoryView category(@PathVariable long id) {
    return cached.category(id);
  }

  @GetMapping("/tags/{id}")
  public TagView tag(@PathVariable long id) {
    return cached.tag(id);
  }

  @GetMapping("/posts/{id}")
  public PostView post(@PathVariable long id) {
    return cached.post(id);
  }

  @GetMapping("/posts/{id}/comments")
  public List<CommentView> comments(@PathVariable long id) {
    return cached.comments(id);
  }

  @GetMapping("/categories/{id}/stats")
  public CategoryStats categoryStats(@PathVariable long id) {
    return cached.categoryStats(id);
  }

  // --- the same reads from the database -------------------------------------------------------------

  @GetMapping("/db/categories/{id}")
  public CategoryView categoryFromDatabase(@PathVariable long id) {
    return database.category(id);
  }

  @GetMapping("/db/tags/{id}")
  public TagView tagFromDatabase(@PathVariable long id) {
    return database.tag(id);
  }

  @GetMapping("/db/posts/{id}")
  public PostView postFromDatabase(@PathVariable long id) {
    return database.post(id);
  }

  @GetMapping("/db/posts/{id}/comments")
  public List<CommentView> commentsFromDatabase(@PathVariable long id) {
    return database.comments(id);
  }

  @GetMapping("/db/categories/{id}/stats")
  public CategoryStats categoryStatsFromDatabase(@PathVariable long id) {
    return database.categoryStats(id);
  }

  // --- writes: Spring Data repository calls (each its own transaction) ------------------------------

  @PostMapping("/categories")
  @ResponseStatus(HttpStatus.CREATED)
  public CategoryView createCategory(@RequestBody NameBody body) {
    Category saved = categories.save(new Category(body.name()));
    return new CategoryView(saved.getId(), saved.getName());
  }

  @DeleteMapping("/categories/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void deleteCategory(@PathVariable long id) {
    categories.deleteById(id);
  }

  @PostMapping("/tags")
  @ResponseStatus(HttpStatus.CREATED)
  public TagView createTag(@RequestBody NameBody body) {
    Tag saved = tags.save(new Tag(body.name()));
    return new TagView(saved.getId(), saved.getName());
  }

  // --- writes: the @Transactional service --------------------------------------------------------------

  @PutMapping("/categories/{id}")
  public CategoryView renameCategory(@PathVariable long id, @RequestBody NameBody body) {
    return writes.renameCategory(id, body.name());
  }

  /** Always fails with 409 after its UPDATE: the transaction rolls back. */
  @PutMapping("/categories/{id}/failing")
  public CategoryView renameCategoryThenFail(@PathVariable long id, @RequestBody NameBody body) {
    return writes.renameCategoryThenFail(id, body.name());
  }

  @PostMapping("/posts")
  @ResponseStatus(HttpStatus.CREATED)
  public PostView createPost(@RequestBody PostBody body) {
    return writes.createPost(body.title(), body.categoryId(), body.tagIds());
  }

  @PostMapping("/posts/{id}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  public CommentView addComment(@PathVariable long id, @RequestBody TextBody body) {
    return writes.addComment(id, body.text());
  }

  @PutMapping("/posts/{id}/tags/{tagId}")
  public PostView tagPost(@PathVariable long id, @PathVariable long tagId) {
    return writes.tagPost(id, tagId);
  }

  @DeleteMapping("/posts/{id}/comments")
  public Map<String, Integer> deleteComments(@PathVariable long id) {
    return Map.of("deleted", writes.deleteComments(id));
  }

  @DeleteMapping("/posts/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void deletePost(@PathVariable long id) {
    writes.deletePost(id);
  }

  // --- writes: JPQL bulk update and plain SQL ---------------------------------------------------------

  @PostMapping("/tags/upper-case")
  public Map<String, Integer> upperCaseTags(@RequestBody NameBody prefix) {
    return Map.of("updated", writes.upperCaseTags(prefix.name()));
  }

  @PutMapping("/jdbc/categories/{id}")
  public Map<String, Integer> renameCategoryWithJdbc(@PathVariable long id, @RequestBody NameBody body) {
    return Map.of("updated", jdbc.renameCategory(id, body.name()));
  }
}
