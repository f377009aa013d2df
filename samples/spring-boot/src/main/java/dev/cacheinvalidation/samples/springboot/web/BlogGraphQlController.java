package dev.cacheinvalidation.samples.springboot.web;

import dev.cacheinvalidation.samples.springboot.domain.Tag;
import dev.cacheinvalidation.samples.springboot.domain.TagRepository;
import dev.cacheinvalidation.samples.springboot.service.BlogWrites;
import dev.cacheinvalidation.samples.springboot.service.CachedBlogReads;
import dev.cacheinvalidation.samples.springboot.service.Views.CategoryView;
import dev.cacheinvalidation.samples.springboot.service.Views.CommentView;
import dev.cacheinvalidation.samples.springboot.service.Views.PostView;
import dev.cacheinvalidation.samples.springboot.service.Views.TagView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL API ({@code POST /graphql}, schema in {@code graphql/blog.graphqls}): queries read through the
 * caches, mutations write through JPA. Like the rest of the application, it never touches a cache.
 */
@Controller
public class BlogGraphQlController {
  private final CachedBlogReads cached;
  private final BlogWrites writes;
  private final TagRepository tags;

  public BlogGraphQlController(CachedBlogReads cached, BlogWrites writes, TagRepository tags) {
    this.cached = cached;
    this.writes = writes;
    this.tags = tags;
  }

  @QueryMapping
  public CategoryView category(@Argument long id) {
    return cached.category(id);
  }

  @QueryMapping
  public TagView tag(@Argument long id) {
    return cached.tag(id);
  }

  @QueryMapping
  public PostView post(@Argument long id) {
    return cached.post(id);
  }

  @MutationMapping
  public TagView createTag(@Argument String name) {
    Tag saved = tags.save(new Tag(name));
    return new TagView(saved.getId(), saved.getName());
  }

  @MutationMapping
  public CategoryView renameCategory(@Argument long id, @Argument String name) {
    return writes.renameCategory(id, name);
  }

  @MutationMapping
  public CommentView addComment(@Argument long postId, @Argument String text) {
    return writes.addComment(postId, text);
  }

  @MutationMapping
  public PostView tagPost(@Argument long postId, @Argument long tagId) {
    return writes.tagPost(postId, tagId);
  }
}
