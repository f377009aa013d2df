package dev.cacheinvalidation.samples.blog.write;

/** A write the blog refuses (unknown id, blank name, a name already taken); the message says which. */
public final class BlogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BlogException(String message) {
    super(message);
  }

  public BlogException(String message, Throwable cause) {
    super(message, cause);
  }
}
