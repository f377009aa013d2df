package dev.cacheinvalidation.samples.blog.read;

import dev.cacheinvalidation.samples.blog.model.Comment;

/** What the read side caches of a comment. Immutable. */
public record CommentView(long id, long postId, String author, String body) {
  public static CommentView of(Comment comment) {
    return new CommentView(comment.getId(), comment.getPost().getId(), comment.getAuthor(), comment.getBody());
  }
}
