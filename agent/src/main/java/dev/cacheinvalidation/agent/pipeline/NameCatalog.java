package dev.cacheinvalidation.agent.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps table names to the names writes are reported under, so entity {@code Category} and table
 * {@code blog_category} are one name.
 *
 * <p>Sources, first match wins: {@code invalidation.tables.<table>} aliases (schema-qualified first, then the
 * bare table), mappings learned from the JPA metamodel (a join table maps to both owning entities), else the
 * table name itself. Also remembers every name it has learned, so GraphQL can recognise entity names.
 * Thread-safe.
 */
public final class NameCatalog {
  private volatile Map<String, String> aliases;
  private final Map<String, List<String>> learnedTables = new ConcurrentHashMap<>();
  private final Set<String> knownNames = ConcurrentHashMap.newKeySet();
  private final Map<String, String> displayNames = new ConcurrentHashMap<>();
  /** Bumped after every change that can alter {@link #namesForTable}: lets callers keep resolved names. */
  private final AtomicLong version = new AtomicLong();

  public NameCatalog(Map<String, String> aliases) {
    this.aliases = Map.copyOf(aliases);
    aliases.values().forEach(this::remember);
  }

  /** Replaces the configured aliases (configuration reload); learned mappings stay. */
  public void setAliases(Map<String, String> newAliases) {
    this.aliases = Map.copyOf(newAliases);
    newAliases.values().forEach(this::remember);
    version.incrementAndGet();
  }

  /** Records that {@code table} holds rows of the given names (called when a JPA metamodel is built). */
  public void learnTable(String table, Collection<String> names) {
    List<String> target = learnedTables.computeIfAbsent(table.toLowerCase(Locale.ROOT), t -> new ArrayList<>());
    synchronized (target) {
      for (String name : names) {
        remember(name);
        if (target.stream().noneMatch(existing -> existing.equalsIgnoreCase(name))) {
          target.add(name);
        }
      }
    }
    version.incrementAndGet();
  }

  /** Records a name known to the application (an entity name). */
  public void remember(String name) {
    String key = Names.key(name);
    knownNames.add(key);
    if (displayNames.putIfAbsent(key, name) == null) {
      version.incrementAndGet();
    }
  }

  /**
   * A number that changes after every change of what {@link #namesForTable} returns. A caller that keeps a
   * result may reuse it while the version is the one it read before asking.
   */
  public long version() {
    return version.get();
  }

  /** Whether the name was learned from JPA or configured. */
  public boolean isKnown(String name) {
    return knownNames.contains(Names.key(name));
  }

  /** The name as first learned ({@code Category} rather than {@code category}), or the argument itself. */
  public String displayName(String name) {
    return displayNames.getOrDefault(Names.key(name), name);
  }

  /**
   * The names a write to a table is reported under.
   *
   * @param schema the schema or catalog as written, or null
   * @param table the table name as written, unquoted
   */
  public List<String> namesForTable(String schema, String table) {
    String bare = table.toLowerCase(Locale.ROOT);
    Map<String, String> currentAliases = aliases;
    if (schema != null && !schema.isEmpty()) {
      String qualified = schema.toLowerCase(Locale.ROOT) + "." + bare;
      String alias = currentAliases.get(qualified);
      if (alias != null) {
        return List.of(alias);
      }
      List<String> learned = learnedTables.get(qualified);
      if (learned != null) {
        return snapshot(learned);
      }
    }
    String alias = currentAliases.get(bare);
    if (alias != null) {
      return List.of(alias);
    }
    List<String> learned = learnedTables.get(bare);
    if (learned != null) {
      return snapshot(learned);
    }
    return List.of(displayNames.getOrDefault(bare, table)); // displayName(table), without lower-casing again
  }

  private static List<String> snapshot(List<String> names) {
    synchronized (names) {
      return List.copyOf(names);
    }
  }
}
