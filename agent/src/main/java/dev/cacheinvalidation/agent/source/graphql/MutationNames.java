package dev.cacheinvalidation.agent.source.graphql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Decides which names a GraphQL mutation field writes. First match wins:
 * <ol>
 *   <li>{@code invalidation.mutations.<field>}: the configured names;
 *   <li>the field's return type (non-null and list wrappers removed) when it is a known name; else the known
 *       object types one level inside it (a payload's fields, a union's members);
 *   <li>the field's name by convention: leading verbs ({@code create}, {@code update}, {@code delete},
 *       {@code bulk}, ...) removed, the rest up to a preposition ({@code By}, {@code To}, ...) joined in
 *       camelCase, PascalCase or snake_case and matched, as written or singularised, against known names.
 * </ol>
 * A name is <em>known</em> when the predicate says so (the catalog learned or was configured with it, or it
 * has a rule of its own). An empty result means the field is unmapped.
 *
 * <p>Immutable and thread-safe when its predicate and display function are.
 */
final class MutationNames {
  /** Words that say what a mutation does rather than what it writes; removed from the front of a field name. */
  static final Set<String> VERBS = Set.of("create", "update", "delete", "remove", "upsert", "save", "add", "set",
      "bulk", "batch", "insert", "edit", "patch", "modify", "replace", "put", "destroy", "archive", "unarchive",
      "restore", "publish", "unpublish", "merge", "toggle", "change", "assign", "unassign", "attach", "detach",
      "clear", "reset", "register", "import", "many", "multiple");
  /** Words after which a field name describes the arguments, not the written thing ({@code deleteTagById}). */
  static final Set<String> STOP_WORDS = Set.of("by", "for", "with", "from", "to", "in", "of", "on", "and");

  private final Map<String, List<String>> configured;
  private final Predicate<String> known;
  private final UnaryOperator<String> displayName;

  /**
   * @param configured {@code invalidation.mutations.*} by lower-case field name
   * @param known whether a name (any case) is known to the pipeline
   * @param displayName the preferred spelling of a known name
   */
  MutationNames(Map<String, List<String>> configured, Predicate<String> known, UnaryOperator<String> displayName) {
    this.configured = configured;
    this.known = known;
    this.displayName = displayName;
  }

  /** The names the field writes, in order, each once; empty when nothing maps it. */
  List<String> namesFor(String fieldName, String returnTypeName, List<String> innerTypeNames) {
    List<String> names = configured.get(fieldName.toLowerCase(Locale.ROOT));
    if (names != null && !names.isEmpty()) {
      return names;
    }
    if (returnTypeName != null && known.test(returnTypeName)) {
      return List.of(displayName.apply(returnTypeName));
    }
    Set<String> inner = new LinkedHashSet<>();
    for (String type : innerTypeNames) {
      if (known.test(type)) {
        inner.add(displayName.apply(type));
      }
    }
    if (!inner.isEmpty()) {
      return List.copyOf(inner);
    }
    String byConvention = byConvention(fieldName);
    return byConvention == null ? List.of() : List.of(displayName.apply(byConvention));
  }

  /**
   * The known name a field's name designates by convention, or null: verbs removed from the front
   * ({@code bulk_create_category}), or else from the back ({@code categoryCreate}); the rest cut at the first
   * preposition ({@code deleteTagById}). A name with no verb at either end follows no convention.
   */
  String byConvention(String fieldName) {
    List<String> words = words(fieldName);
    int start = 0;
    while (start < words.size() - 1 && VERBS.contains(words.get(start))) {
      start++;
    }
    int end = words.size();
    if (start == 0) {
      while (end > 1 && VERBS.contains(words.get(end - 1))) {
        end--;
      }
      if (end == words.size()) {
        return null;
      }
    }
    for (int i = start + 1; i < end; i++) {
      if (STOP_WORDS.contains(words.get(i))) {
        end = i;
        break;
      }
    }
    for (String candidate : candidates(words.subList(start, end))) {
      if (known.test(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The subject joined (PascalCase, then snake_case) as written, then with its last word singularised. */
  static List<String> candidates(List<String> subject) {
    List<String> out = new ArrayList<>();
    List<String> head = subject.subList(0, subject.size() - 1);
    String last = subject.get(subject.size() - 1);
    List<String> forms = new ArrayList<>();
    forms.add(last);
    forms.addAll(singulars(last));
    for (String form : forms) {
      StringBuilder pascal = new StringBuilder();
      head.forEach(word -> pascal.append(capitalize(word)));
      out.add(pascal.append(capitalize(form)).toString());
      if (!head.isEmpty()) {
        out.add(String.join("_", head) + "_" + form);
      }
    }
    return out;
  }

  /** Plausible singular forms of an English plural, most likely first; empty for a word not ending in s. */
  static List<String> singulars(String word) {
    List<String> forms = new ArrayList<>(2);
    if (word.length() < 3 || !word.endsWith("s") || word.endsWith("ss")) {
      return forms;
    }
    if (word.endsWith("ies")) {
      forms.add(word.substring(0, word.length() - 3) + "y");
    } else if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("zes") || word.endsWith("ches")
        || word.endsWith("shes")) {
      forms.add(word.substring(0, word.length() - 2));
    }
    forms.add(word.substring(0, word.length() - 1));
    return forms;
  }

  /** Lower-case words of a camelCase, PascalCase or snake_case (or kebab-case) identifier. */
  static List<String> words(String identifier) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c == '_' || c == '-' || c == '$') {
        flush(word, words);
        continue;
      }
      boolean upper = Character.isUpperCase(c);
      // "createURLAlias": a capital starts a word after a lower-case letter or digit, or before a lower-case
      // letter that follows a run of capitals.
      if (upper && word.length() > 0) {
        char previous = identifier.charAt(i - 1);
        boolean nextLower = i + 1 < identifier.length() && Character.isLowerCase(identifier.charAt(i + 1));
        if (!Character.isUpperCase(previous) || nextLower) {
          flush(word, words);
        }
      }
      word.append(Character.toLowerCase(c));
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
