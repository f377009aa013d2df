package dev.cacheinvalidation.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Focused cases for the lexing and grammar corners of {@link SqlAnalyzer}. */
class SqlAnalyzerTest {

    private static void check(String sql, StatementKind kind, String... tables) {
        SqlAnalysis a = SqlAnalyzer.analyze(sql);
        List<String> actual = a.writtenTables().stream().map(TableRef::qualifiedName).collect(Collectors.toList());
        assertEquals(kind + " " + Arrays.asList(tables), a.kind() + " " + actual, sql);
    }

    private static void read(String sql) {
        assertSame(SqlAnalysis.READ, SqlAnalyzer.analyze(sql), sql);
    }

    private static void write(String sql, String... tables) {
        check(sql, StatementKind.WRITE, tables);
    }

    private static void ddl(String sql, String... tables) {
        check(sql, StatementKind.DDL, tables);
    }

    @Test
    void nullEmptyAndBlankAreReads() {
        read(null);
        read("");
        read("   \n\t ");
        read("-- only a comment");
        read("/* only a comment */");
        read(";;;");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        write("InSeRt InTo Post (id) VaLuEs (?)", "Post");
        write("uPdAtE post SeT title = ?", "post");
        write("delete FROM post", "post");
        read("sElEcT * from post");
    }

    @Test
    void lineCommentsHideTheirContent() {
        read("SELECT 1 -- ; DELETE FROM t");
        write("SELECT 1 -- comment\n; DELETE FROM t", "t");
        write("SELECT 1 --\r; DELETE FROM t", "t");
        write("INSERT--comment\nINTO t VALUES (1)", "t");
    }

    @Test
    void blockCommentsNest() {
        read("/* a /* b */ DELETE FROM t */ SELECT 1");
        read("/* unterminated ; DELETE FROM t");
        read("/* /* */ DELETE FROM t"); // nesting always: still inside the outer comment
        write("/**/DELETE/**/FROM/**/t", "t");
        write("/* hint */ /*+ INDEX(t i) */ UPDATE t SET a = 1", "t");
    }

    @Test
    void hashIsAMySqlCommentOnlyWhereATokenBegins() {
        read("SELECT 1 # ; DELETE FROM t");
        write("SELECT 1 #\n; DELETE FROM t", "t");
        write("UPDATE t SET a = 1#comment", "t");
        write("UPDATE j SET d = d #> '{a}'; DELETE FROM u", "j", "u"); // PostgreSQL #> is an operator
        read("SELECT '#' ; SELECT \"#\"");
        write("INSERT INTO t VALUES ('#'); DELETE FROM u", "t", "u");
    }

    @Test
    void mySqlExecutableCommentsAreSql() {
        write("/*!40000 DELETE FROM t */", "t");
        write("/*!DELETE FROM t*/", "t");
        write("/*M!100301 DELETE FROM t */", "t");
        write("INSERT /*!IGNORE*/ INTO t VALUES (1)", "t");
        read("/*!40101 SET NAMES utf8mb4 */;");
        write("/*!50001 UPDATE t SET a = 1 */; /* not: DELETE FROM u */", "t");
    }

    @Test
    void stringLiterals() {
        read("SELECT 'it''s; DELETE FROM t'");
        read("SELECT 'it\\'s; DELETE FROM t'");
        read("SELECT E'\\'; DELETE FROM t'");
        read("SELECT N'x; DELETE FROM t', X'00', B'1'");
        read("SELECT 'unterminated; DELETE FROM t");
        write("INSERT INTO t VALUES ('a\\\\'); DELETE FROM u", "t", "u");
        write("INSERT INTO t VALUES (''''); DELETE FROM u", "t", "u");
    }

    @Test
    void dollarQuotes() {
        read("SELECT $$; DELETE FROM t$$");
        read("SELECT $tag$ $$ ; DELETE FROM t $$ $tag$");
        read("SELECT $a$ $b$ ; DELETE FROM t $b$ $a$");
        read("SELECT $$ unterminated ; DELETE FROM t");
        write("UPDATE t SET a = $1 WHERE b = $2; DELETE FROM u WHERE c = $3", "t", "u");
        write("UPDATE t SET a = $$x$$, b = $q$y$q$; DELETE FROM u", "t", "u");
        write("SELECT a$b$ FROM t; DELETE FROM u", "u"); // $ inside an identifier is not a quote
        write("SELECT $ 1; DELETE FROM u", "u");
    }

    @Test
    void quotedIdentifiers() {
        write("UPDATE \"My Table\" SET a = 1", "My Table");
        write("UPDATE \"a\"\"b\" SET a = 1", "a\"b");
        write("UPDATE `a``b` SET a = 1", "a`b");
        write("UPDATE [a]]b] SET a = 1", "a]b");
        write("UPDATE \"My Schema\".\"My Table\" SET a = 1", "My Schema.My Table");
        write("UPDATE `db`.`t` SET `a` = 1", "db.t");
        write("UPDATE [db].[dbo].[t] SET [a] = 1", "db.dbo.t");
        write("UPDATE \"has;semicolon\" SET a = 1", "has;semicolon");
        read("SELECT \"a;b\", `c;d`, [e;f] FROM t");
        write("INSERT INTO \"unterminated VALUES (1)"); // unparsable target
    }

    @Test
    void bracketsAreSubscriptsWhenGlued() {
        write("UPDATE t SET a[1] = 2, b = ARRAY['x]', 'y']; DELETE FROM u", "t", "u");
        write("UPDATE t SET a = '{}'::text[]; DELETE FROM u", "t", "u");
        write("UPDATE t SET a = f(x)[1]; DELETE FROM u", "t", "u");
        write("DELETE FROM [x y]", "x y");
    }

    @Test
    void qualifiedNames() {
        SqlAnalysis a = SqlAnalyzer.analyze("INSERT INTO public.category (id) VALUES (1)");
        assertEquals(List.of(new TableRef("public", "category")), a.writtenTables());
        a = SqlAnalyzer.analyze("INSERT INTO db.schema.t VALUES (1)");
        assertEquals(List.of(new TableRef("db.schema", "t")), a.writtenTables());
        a = SqlAnalyzer.analyze("INSERT INTO t VALUES (1)");
        assertEquals(List.of(new TableRef(null, "t")), a.writtenTables());
        assertNull(a.writtenTables().get(0).schema());
        write("INSERT INTO a . b VALUES (1)", "a.b");
        write("INSERT INTO a.b.c.d.e.f.g.h.i VALUES (1)"); // too many parts: unknown
    }

    @Test
    void noSpaceBeforeParenthesis() {
        write("INSERT INTO t(a,b) VALUES(1,2)", "t");
        write("INSERT INTO s.t(a) VALUES(1)", "s.t");
        write("INSERT INTO `t`(`a`) VALUES(1)", "t");
        ddl("CREATE TABLE t(id INT)", "t");
    }

    @Test
    void aliasesAreNotTables() {
        write("UPDATE category c SET name = ? WHERE c.id = ?", "category");
        write("UPDATE category AS c SET c.name = ?", "category");
        write("DELETE FROM post AS p WHERE p.id = ?", "post");
        write("DELETE FROM post p WHERE p.id = ?", "post");
        write("DELETE p FROM post p WHERE p.id = ?", "post");
        write("UPDATE a x JOIN b y ON x.id = y.id SET x.v = 1", "a");
        write("MERGE INTO t AS tgt USING s AS src ON tgt.id = src.id WHEN MATCHED THEN DELETE", "t");
    }

    @Test
    void unicodeAndOddWhitespace() {
        write("INSERT INTO café VALUES (1)", "café");
        write("UPDATE \"表\" SET a = 1", "表");
        write("UPDATE\u00a0t\u00a0SET a = 1", "t");
        write("\uFEFFDELETE FROM t", "t");
        write("DELETE\u0000FROM\u0000t", "t");
        write("DELETE FROM t\u2028; DELETE FROM u", "t", "u");
    }

    @Test
    void ddlWinsOverWriteAndTablesAreDistinctInOrder() {
        ddl("INSERT INTO a VALUES (1); CREATE INDEX i ON b (x); UPDATE a SET y = 2", "a", "b");
        write("UPDATE a SET x = 1; UPDATE b SET x = 1; UPDATE a SET x = 2", "a", "b");
        write("UPDATE Post SET x = 1; UPDATE post SET x = 1", "Post", "post"); // case kept, exact equality
    }

    @Test
    void tableCapMakesTablesUnknown() {
        StringBuilder b = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < SqlAnalyzer.MAX_TABLES; i++) {
            b.append("DELETE FROM t").append(i).append(';');
            expected.add("t" + i);
        }
        write(b.toString(), expected.toArray(new String[0]));
        b.append("DELETE FROM one_too_many");
        write(b.toString());
    }

    @Test
    void unparsableTargetMakesAllTablesUnknown() {
        write("INSERT INTO a VALUES (1); INSERT INTO ? VALUES (2)");
        write("UPDATE ? SET a = 1");
        write("DELETE FROM");
        write("MERGE INTO");
        write("TRUNCATE TABLE");
        ddl("CREATE INDEX i"); // no ON table
        ddl("DROP TABLE IF EXISTS");
    }

    @Test
    void selectInto() {
        write("SELECT * INTO newtable FROM t", "newtable");
        write("SELECT a INTO TEMPORARY TABLE tmp FROM t", "tmp");
        write("WITH c AS (SELECT 1) SELECT * INTO n FROM c", "n");
        read("SELECT a INTO @x FROM t");
        read("SELECT a FROM t INTO @x, @y");
        read("SELECT a FROM t INTO OUTFILE '/tmp/a'");
        read("SELECT a FROM t INTO DUMPFILE '/tmp/a'");
        read("INSERT_INTO_IS_NOT_A_KEYWORD");
        read("SELECT (SELECT 1 INTO x) FROM t"); // only a top-level INTO creates a table
    }

    @Test
    void explainAnalyzeExecutes() {
        write("EXPLAIN ANALYZE INSERT INTO t VALUES (1)", "t");
        write("explain analyse verbose delete from t", "t");
        write("EXPLAIN (ANALYZE true, BUFFERS) UPDATE t SET a = 1", "t");
        write("EXPLAIN (ANALYZE 1) UPDATE t SET a = 1", "t");
        read("EXPLAIN (ANALYZE off) UPDATE t SET a = 1");
        read("EXPLAIN (ANALYZE 0) UPDATE t SET a = 1");
        read("EXPLAIN INSERT INTO t VALUES (1)");
        read("EXPLAIN FORMAT=JSON UPDATE t SET a = 1");
        read("EXPLAIN ANALYZE SELECT * FROM t");
        write("EXPLAIN ANALYZE EXPLAIN ANALYZE DELETE FROM t", "t");
    }

    @Test
    void blocksAndTransactions() {
        read("BEGIN");
        read("BEGIN TRANSACTION; COMMIT");
        write("BEGIN; INSERT INTO t VALUES (1); COMMIT", "t");
        write("BEGIN INSERT INTO t VALUES (1); UPDATE u SET a = 1; END;", "t", "u");
        read("START TRANSACTION; ROLLBACK");
    }

    @Test
    void readsThatLookLikeWrites() {
        read("SELECT * FROM t FOR UPDATE");
        read("SELECT * FROM t FOR UPDATE OF t NOWAIT");
        read("LOCK TABLES t WRITE");
        read("SELECT update_count, insert_date FROM t");
        read("SELECT \"update\", `delete` FROM `insert`");
        read("CALL do_delete(1)");
        read("EXEC sp_update 1");
        read("DO $$ BEGIN DELETE FROM t; END $$");
        read("GRANT UPDATE, DELETE ON t TO app");
        read("SHOW CREATE TABLE t");
        read("DESCRIBE t");
        read("VACUUM FULL t");
        read("PREPARE p AS DELETE FROM t");
        read("SELECT INSERT('abc', 1, 1, 'x'), REPLACE('a', 'a', 'b') FROM t");
        read("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r");
        read("ALTER SESSION SET TIME_ZONE = 'UTC'");
        read("frobnicate the table t");
    }

    @Test
    void nestedDataModifyingStatements() {
        write("WITH d AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM d", "a", "b");
        write("WITH u AS (UPDATE a SET x = 1 RETURNING *), i AS (INSERT INTO b SELECT * FROM u RETURNING *) "
                + "SELECT * FROM i", "a", "b");
        write("WITH x AS (SELECT 1), y AS (SELECT 2) DELETE FROM c WHERE id IN (SELECT * FROM x)", "c");
        write("SELECT * FROM FINAL TABLE (INSERT INTO t VALUES (1))", "t");
        write("SELECT * FROM OLD TABLE (MERGE INTO t KEY (id) VALUES (1))", "t");
        read("WITH a AS (SELECT 1) SELECT * FROM a WHERE x IN (SELECT merge FROM m)");
    }

    @Test
    void updateVariants() {
        write("UPDATE a SET x = b.x FROM b WHERE a.id = b.id", "a");
        write("UPDATE p SET p.title = 'x' FROM post p JOIN tag t ON t.post_id = p.id", "post");
        write("UPDATE a JOIN b ON a.id = b.id SET a.x = 1", "a");
        write("UPDATE a JOIN b ON a.id = b.id SET b.x = 1", "b");
        write("UPDATE a JOIN b ON a.id = b.id SET x = 1", "a", "b");
        write("UPDATE a, b SET a.x = b.x", "a");
        write("UPDATE a LEFT JOIN b USING (id) SET b.x = 1, a.y = 2", "a", "b");
        write("UPDATE TOP (10) t SET a = 1", "t");
        write("UPDATE ONLY t SET a = 1", "t");
        write("UPDATE t SET a = (SELECT max(b) FROM u), c = CASE WHEN d THEN 1 ELSE 2 END WHERE e", "t");
        write("UPDATE option SET value = ? WHERE name = ?", "option");
        write("UPDATE a JOIN b ON a.id = b.id SET a.x = output, b.y = 1", "a", "b");
        write("UPDATE a JOIN b ON a.id = b.id SET a.x = b.y IS DISTINCT FROM 1, b.y = 1", "a", "b");
    }

    @Test
    void deleteVariants() {
        write("DELETE FROM a USING b WHERE a.id = b.id", "a");
        write("DELETE FROM a USING a JOIN b ON a.id = b.id", "a");
        write("DELETE a, b FROM a JOIN b ON a.id = b.id", "a", "b");
        write("DELETE x, y FROM a AS x JOIN b AS y ON x.id = y.id", "a", "b");
        write("DELETE a.*, b.* FROM a, b WHERE a.id = b.id", "a", "b");
        write("DELETE FROM x USING a AS x JOIN b ON x.id = b.id", "a");
        write("DELETE TOP (5) FROM t", "t");
        write("DELETE t WHERE id = 1", "t");
        write("DELETE FROM ONLY t WHERE id = 1", "t");
    }

    @Test
    void ddlVariants() {
        ddl("DROP TABLE IF EXISTS a, b", "a", "b");
        ddl("RENAME TABLE a TO b, c TO d", "a", "b", "c", "d");
        ddl("CREATE TABLE x AS SELECT * FROM y", "x");
        ddl("CREATE INDEX i ON t (a)", "t");
        ddl("DROP INDEX i ON t", "t");
        ddl("DROP INDEX i");
        ddl("CREATE VIEW v AS SELECT 1", "v");
        ddl("CREATE SEQUENCE s");
        ddl("CREATE SCHEMA s");
        ddl("ALTER TABLE a RENAME TO b", "a", "b");
        ddl("ALTER TABLE a RENAME COLUMN x TO y", "a");
        ddl("TRUNCATE t; CREATE SEQUENCE s", "t");
    }

    @Test
    void truncateIsAWrite() {
        write("TRUNCATE t", "t");
        write("TRUNCATE TABLE a, b, c", "a", "b", "c");
        write("TRUNCATE ONLY a, ONLY b * CASCADE", "a", "b");
    }

    @Test
    void resultContract() {
        SqlAnalysis a = SqlAnalyzer.analyze("INSERT INTO t VALUES (1)");
        assertThrows(UnsupportedOperationException.class, () -> a.writtenTables().add(new TableRef(null, "x")));
        assertEquals(SqlAnalysis.of(StatementKind.WRITE, List.of(new TableRef(null, "t"))), a);
        assertEquals(false, a.isRead());
        assertEquals(true, SqlAnalysis.READ.isRead());
        assertSame(SqlAnalysis.READ, SqlAnalysis.of(StatementKind.READ, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SqlAnalysis.of(StatementKind.READ, List.of(new TableRef(null, "t"))));
        assertThrows(NullPointerException.class, () -> new TableRef("s", null));
        assertEquals("s.t", new TableRef("s", "t").qualifiedName());
        assertEquals("t", new TableRef(null, "t").qualifiedName());
    }
}
