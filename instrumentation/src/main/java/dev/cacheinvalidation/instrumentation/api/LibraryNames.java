package dev.cacheinvalidation.instrumentation.api;

/**
 * Builds names of application classes that share a package with a library the agent itself relocates.
 *
 * <p>The agent jar relocates its own Caffeine under {@code dev.cacheinvalidation.shaded}, and the shade step
 * rewrites every string constant that looks like a relocated class name, which would make a matcher for the
 * application's {@code com.github.benmanes.caffeine.cache.Caffeine} look for the agent's copy instead. Names
 * written with {@code '#'} for {@code '.'} are not recognised as class names at build time and are turned
 * back into real names here, at run time.
 */
public final class LibraryNames {
  private LibraryNames() {}

  /** {@code "com#github#x#Y"} becomes {@code "com.github.x.Y"}. */
  public static String unrelocated(String hashSeparatedName) {
    return hashSeparatedName.replace('#', '.');
  }
}
