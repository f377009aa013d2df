package dev.cacheinvalidation.samples.springboot.service;

import dev.cacheinvalidation.samples.springboot.domain.Category;
import dev.cacheinvalidation.samples.springboot.domain.CategoryRepository;
import dev.cacheinvalidation.samples.springboot.domain.Comment;
import dev.cacheinvalidation.samples.springboot.domain.CommentRepository;
import dev.cacheinvalidation.samples.springboot.domain.Post;
import dev.cacheinvalidation.samples.springboot.domain.PostRepository;
import dev.cacheinvalidation.samples.springboot.domain.TagRepository;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryView;
import dev.cacheinvalidation.samples.springboot.service.Views.CommentView;
import dev.cacheinvalidation.samples.springboot.service.Views.PostView;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional write paths: each public method is one transaction (Spring's JpaTransactionManager).
 * None of them touches a cache. Thread-safe.
 */
@Service
@Transactional
public class BlogWrites {
  private final CategoryRepository categories;
  private final TagRepository tags;
  private final PostRepository posts;
  private final CommentRepository comments;

  public BlogWrites(CategoryRepository categories, TagRepository tags, PostRepository posts,
      CommentRepository comments) {
    this.categories = categories;
    this.tags = tags;
    this.posts = posts;
    this.comments = comments;
  }

  /** Renames by dirty checking: a {@code find}, a setter, an UPDATE at the commit's flush. */
  public CategoryView renameCategory(long id, String name) {
    Category category = categories.findById(id).orElseThrow(() -> BlogQueries.missing("category", id));
    category.setName(name);
    return CategoryView.of(category);
  }

  /**
   * Renames, flushes the UPDATE to the database, then fails: the transaction rolls back and the category
   * keeps its name.
   */
  public CategoryView renameCategoryThenFail(long id, String name) {
    Category category = categories.findById(id).orElseThrow(() -> BlogQueries.missing("category", id));
    category.setName(name);
    categories.flush();
    throw new IllegalStateException("renaming category " + id + " failed after its UPDATE; rolled back");
  }

  /** Creates a post with tags: an INSERT into {@code post} and one into {@code post_tags} per tag. */
  public PostView createPost(String title, long categoryId, List<Long> tagIds) {
    Category category =
        categories.findById(categoryId).orElseThrow(() -> BlogQueries.missing("category", categoryId));
    Post post = new Post(title, category);
    post.getTags().addAll(tags.findAllById(tagIds));
    return PostView.of(posts.save(post));
  }

  /** Adds a comment through its post: the comment is written by the post's cascade. */
  public CommentView addComment(long postId, String text) {
    Post post = posts.findById(postId).orElseThrow(() -> BlogQueries.missing("post", postId));
    Comment comment = post.addComment(text);
    posts.flush();
    return CommentView.of(comment);
  }

  /** Adds a tag to a post: only a row of the join table {@code post_tags} is written. */
  public PostView tagPost(long postId, long tagId) {
    Post post = posts.findById(postId).orElseThrow(() -> BlogQueries.missing("post", postId));
    post.getTags().add(tags.findById(tagId).orElseThrow(() -> BlogQueries.missing("tag", tagId)));
    return PostView.of(post);
  }

  /** Deletes a post; its comments and join rows go with it (cascade, orphan removal). */
  public void deletePost(long postId) {
    posts.delete(posts.findById(postId).orElseThrow(() -> BlogQueries.missing("post", postId)));
  }

  /** Deletes every comment of a post with the repository's {@code deleteAll}: one DELETE per comment. */
  public int deleteComments(long postId) {
    List<Comment> doomed = comments.findByPostIdOrderById(postId);
    comments.deleteAll(doomed);
    return doomed.size();
  }

  /** A JPQL bulk update of tag names. */
  public int upperCaseTags(String prefix) {
    return tags.upperCaseNamesStartingWith(prefix);
  }
}
