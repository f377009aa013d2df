package dev.cacheinvalidation.samples.springboot.service;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Plain SQL through {@code JdbcTemplate}, outside any transaction (an autocommit statement on a HikariCP
 * connection): JPA never hears of it. Thread-safe.
 */
@Service
public class JdbcWrites {
  private final JdbcTemplate jdbc;

  public JdbcWrites(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Renames a category with one UPDATE; returns the number of rows changed. */
  public int renameCategory(long id, String name) {
    return jdbc.update("update category set name = ? where id = ?", name, id);
  }
}
