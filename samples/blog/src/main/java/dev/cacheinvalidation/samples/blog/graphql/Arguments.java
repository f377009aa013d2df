package dev.cacheinvalidation.samples.blog.graphql;

import dev.cacheinvalidation.samples.blog.write.BlogException;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;

/**
 * Reads a field's arguments under either spelling: {@code post_id} is also found as {@code postId}, so one
 * data fetcher serves a snake_case and a camelCase field. Stateless.
 */
final class Arguments {
  private Arguments() {}

  static Object value(Map<String, Object> arguments, String snakeName) {
    Object value = arguments.get(snakeName);
    return value != null ? value : arguments.get(camelCase(snakeName));
  }

  static String string(DataFetchingEnvironment environment, String snakeName) {
    Object value = value(environment.getArguments(), snakeName);
    return value == null ? null : value.toString();
  }

  static Long id(DataFetchingEnvironment environment, String snakeName) {
    return id(value(environment.getArguments(), snakeName));
  }

  static Long id(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.valueOf(value.toString());
    } catch (NumberFormatException e) {
      throw new BlogException("'" + value + "' is not an id");
    }
  }

  static List<Long> ids(Object value) {
    return value == null ? null : ((List<?>) value).stream().map(Arguments::id).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> input(DataFetchingEnvironment environment, String name) {
    Map<String, Object> input = (Map<String, Object>) environment.getArguments().get(name);
    return input == null ? Map.of() : input;
  }

  static String camelCase(String snakeName) {
    StringBuilder camel = new StringBuilder(snakeName.length());
    boolean upper = false;
    for (char c : snakeName.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }
}
