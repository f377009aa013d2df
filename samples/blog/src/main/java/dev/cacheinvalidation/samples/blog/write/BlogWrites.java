package dev.cacheinvalidation.samples.blog.write;

import dev.cacheinvalidation.samples.blog.model.Category;
import dev.cacheinvalidation.samples.blog.model.Comment;
import dev.cacheinvalidation.samples.blog.model.Post;
import dev.cacheinvalidation.samples.blog.model.Tag;
import dev.cacheinvalidation.samples.blog.persistence.BlogDatabase;
import dev.cacheinvalidation.samples.blog.read.CategoryView;
import dev.cacheinvalidation.samples.blog.read.CommentView;
import dev.cacheinvalidation.samples.blog.read.PostView;
import dev.cacheinvalidation.samples.blog.read.TagView;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.function.Function;

/**
 * Every write of the blog, each in its own JPA transaction. Like the rest of the application it contains no
 * cache code at all. A refused write throws {@link BlogException} and changes nothing. Thread-safe.
 */
public final class BlogWrites {
  private final BlogDatabase database;

  public BlogWrites(BlogDatabase database) {
    this.database = database;
  }

  public CategoryView createCategory(String name, String description) {
    return write(session -> {
      Category category = new Category(required(name, "name"), description);
      session.persist(category);
      session.flush();
      return CategoryView.of(category);
    });
  }

  /** Changes the category's name and description; a null argument keeps the current value. */
  public CategoryView updateCategory(long id, String name, String description) {
    return write(session -> {
      Category category = existing(session, Category.class, id);
      if (name != null) {
        category.setName(required(name, "name"));
      }
      if (description != null) {
        category.setDescription(description);
      }
      // The unique name is checked by the database: flush here so a clash is refused by this call.
      session.flush();
      return CategoryView.of(category);
    });
  }

  /** Deletes the category; its posts stay, without a category. */
  public void deleteCategory(long id) {
    write(session -> {
      Category category = existing(session, Category.class, id);
      session.createQuery("update Post p set p.category = null where p.category = :category")
          .setParameter("category", category).executeUpdate();
      session.remove(category);
      return null;
    });
  }

  public TagView createTag(String name) {
    return write(session -> {
      Tag tag = new Tag(required(name, "name"));
      session.persist(tag);
      session.flush();
      return TagView.of(tag);
    });
  }

  public TagView updateTag(long id, String name) {
    return write(session -> {
      Tag tag = existing(session, Tag.class, id);
      tag.setName(required(name, "name"));
      session.flush();
      return TagView.of(tag);
    });
  }

  /** Deletes the tag and takes it off every post that carried it. */
  public void deleteTag(long id) {
    write(session -> {
      Tag tag = existing(session, Tag.class, id);
      session.createQuery("select p from Post p join p.tags t where t = :tag", Post.class)
          .setParameter("tag", tag).getResultList().forEach(post -> post.getTags().remove(tag));
      session.remove(tag);
      return null;
    });
  }

  public PostView createPost(PostDraft draft) {
    return write(session -> {
      Post post = new Post(required(draft.title(), "title"), draft.body(), null);
      apply(session, post, draft);
      session.persist(post);
      session.flush();
      return PostView.of(post);
    });
  }

  /** Applies the draft's non-null fields; {@code tagIds}, when given, replaces the post's tags. */
  public PostView updatePost(long id, PostDraft draft) {
    return write(session -> {
      Post post = existing(session, Post.class, id);
      if (draft.title() != null) {
        post.setTitle(required(draft.title(), "title"));
      }
      apply(session, post, draft);
      session.flush();
      return PostView.of(post);
    });
  }

  /** Deletes the post and its comments. */
  public void deletePost(long id) {
    write(session -> {
      Post post = existing(session, Post.class, id);
      session.createQuery("delete from Comment c where c.post = :post").setParameter("post", post).executeUpdate();
      session.remove(post);
      return null;
    });
  }

  public CommentView createComment(long postId, String author, String body) {
    return write(session -> {
      Comment comment = new Comment(existing(session, Post.class, postId), required(author, "author"),
          required(body, "body"));
      session.persist(comment);
      session.flush();
      return CommentView.of(comment);
    });
  }

  public void deleteComment(long id) {
    write(session -> {
      session.remove(existing(session, Comment.class, id));
      return null;
    });
  }

  private static void apply(EntityManager session, Post post, PostDraft draft) {
    if (draft.body() != null) {
      post.setBody(draft.body());
    }
    if (draft.categoryId() != null) {
      post.setCategory(existing(session, Category.class, draft.categoryId()));
    }
    if (draft.tagIds() != null) {
      post.getTags().clear();
      draft.tagIds().forEach(tagId -> post.getTags().add(existing(session, Tag.class, tagId)));
    }
  }

  private <T> T write(Function<EntityManager, T> work) {
    try {
      return database.inTransaction(work);
    } catch (BlogException e) {
      throw e;
    } catch (PersistenceException e) {
      throw new BlogException(refusal(e), e);
    }
  }

  private static String refusal(PersistenceException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("Unique index or primary key violation")) {
        return "that name is taken";
      }
      if (message.contains("Referential integrity constraint violation")) {
        return "other rows still refer to it";
      }
    }
    return "the database refused the write: " + e.getMessage();
  }

  private static <T> T existing(EntityManager session, Class<T> type, long id) {
    T entity = session.find(type, id);
    if (entity == null) {
      throw new BlogException("no " + type.getSimpleName().toLowerCase() + " with id " + id);
    }
    return entity;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new BlogException(field + " must not be blank");
    }
    return value.strip();
  }
}
