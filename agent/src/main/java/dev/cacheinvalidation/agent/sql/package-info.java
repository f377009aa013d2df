/**
 * The SQL analyser: decides from a JDBC SQL string alone whether it reads, writes or changes the
 * schema, and which tables it writes.
 *
 * <p>Public entry points: {@link dev.cacheinvalidation.agent.sql.SqlAnalyzer} (stateless, never
 * throws, linear time) and {@link dev.cacheinvalidation.agent.sql.CachingSqlAnalyzer} (a bounded memo
 * for the hot path), returning {@link dev.cacheinvalidation.agent.sql.SqlAnalysis}. Internals: a
 * hand-written lexer ({@code SqlLexer}) and a non-recursive parser split into
 * {@code ParserSupport -> DmlParser -> DdlParser -> SqlStatementParser}.
 *
 * <p>The guiding rule: over-invalidation is safe, missing a write is a bug. When unsure the analyser
 * reports more tables, or a WRITE whose tables are unknown (an empty list).
 */
package dev.cacheinvalidation.agent.sql;
