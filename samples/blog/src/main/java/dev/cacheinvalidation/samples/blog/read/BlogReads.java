package dev.cacheinvalidation.samples.blog.read;

import com.google.gson.reflect.TypeToken;
import dev.cacheinvalidation.samples.blog.cache.BlogCaches;
import dev.cacheinvalidation.samples.blog.model.Category;
import dev.cacheinvalidation.samples.blog.model.Comment;
import dev.cacheinvalidation.samples.blog.model.Post;
import dev.cacheinvalidation.samples.blog.model.Tag;
import dev.cacheinvalidation.samples.blog.persistence.BlogDatabase;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Every read of the blog, cache-aside: the cache first, else the database, whose answer is cached. Keys:
 * {@code category:<id>}, {@code category:all}, {@code tag:<id>}, {@code tag:all}, {@code post:<id>},
 * {@code post:all}, {@code post:category:<id>}, {@code comment:post:<postId>}. Nothing here (or anywhere in
 * the application) invalidates. Thread-safe.
 */
public final class BlogReads {
  private static final Type CATEGORIES = new TypeToken<List<CategoryView>>() {}.getType();
  private static final Type TAGS = new TypeToken<List<TagView>>() {}.getType();
  private static final Type POSTS = new TypeToken<List<PostView>>() {}.getType();
  private static final Type COMMENTS = new TypeToken<List<CommentView>>() {}.getType();

  private final BlogDatabase database;
  private final BlogCaches caches;

  public BlogReads(BlogDatabase database, BlogCaches caches) {
    this.database = database;
    this.caches = caches;
  }

  /** The category, or null when there is none with this id. */
  public CategoryView category(long id) {
    return caches.categories().get("category:" + id, CategoryView.class, () -> database.read(session -> {
      Category category = session.find(Category.class, id);
      return category == null ? null : CategoryView.of(category);
    }));
  }

  public List<CategoryView> categories() {
    return caches.categories().get("category:all", CATEGORIES, () -> database.read(session ->
        session.createQuery("select c from Category c order by c.id", Category.class).getResultList().stream()
            .map(CategoryView::of).toList()));
  }

  /** The tag, or null when there is none with this id. */
  public TagView tag(long id) {
    return caches.tags().get("tag:" + id, TagView.class, () -> database.read(session -> {
      Tag tag = session.find(Tag.class, id);
      return tag == null ? null : TagView.of(tag);
    }));
  }

  public List<TagView> tags() {
    return caches.tags().get("tag:all", TAGS, () -> database.read(session ->
        session.createQuery("select t from Tag t order by t.id", Tag.class).getResultList().stream()
            .map(TagView::of).toList()));
  }

  /** The post, or null when there is none with this id. */
  public PostView post(long id) {
    return caches.posts().get("post:" + id, PostView.class, () -> database.read(session -> {
      Post post = session.find(Post.class, id);
      return post == null ? null : PostView.of(post);
    }));
  }

  public List<PostView> posts() {
    return caches.posts().get("post:all", POSTS, () -> database.read(session ->
        session.createQuery("select distinct p from Post p left join fetch p.tags left join fetch p.category"
            + " order by p.id", Post.class).getResultList().stream().map(PostView::of).toList()));
  }

  public List<PostView> postsInCategory(long categoryId) {
    return caches.posts().get("post:category:" + categoryId, POSTS, () -> database.read(session ->
        session.createQuery("select distinct p from Post p left join fetch p.tags join fetch p.category c"
            + " where c.id = :category order by p.id", Post.class)
            .setParameter("category", categoryId).getResultList().stream().map(PostView::of).toList()));
  }

  public List<CommentView> commentsOf(long postId) {
    return caches.comments().get("comment:post:" + postId, COMMENTS, () -> database.read(session ->
        session.createQuery("select c from Comment c join fetch c.post p where p.id = :post order by c.id",
            Comment.class).setParameter("post", postId).getResultList().stream().map(CommentView::of).toList()));
  }
}
