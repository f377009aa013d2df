package dev.cacheinvalidation.agent.source.jdbc;

import dev.cacheinvalidation.agent.pipeline.NameCatalog;
import dev.cacheinvalidation.agent.pipeline.Write;
import java.util.ArrayList;
import java.util.List;

/**
 * What one JDBC call wrote: the names of its tables, whether it was DDL, and whether some of its tables are
 * unknown (the analyser could not tell which). Built on the writing thread and used once; not thread-safe.
 */
final class DetectedWrites {
  final List<Write> writes = new ArrayList<>(2);
  boolean ddl;
  boolean unknownTables;

  /** Adds a statement's tables, resolved to names by the catalog. */
  void add(AnalyzedSql sql, NameCatalog catalog) {
    ddl |= sql.isDdl();
    unknownTables |= sql.hasUnknownTables();
    writes.addAll(sql.writes(catalog));
  }

  boolean isEmpty() {
    return writes.isEmpty() && !ddl && !unknownTables;
  }
}
