package dev.cacheinvalidation.samples.blog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Cache-aside reads of categories, the way an application writes them: look in the cache, else read the
 * database and put the row in the cache under {@code category:<id>}. There is no invalidation code here.
 */
final class CategoryRepository {
  private final DataSource dataSource;
  private final Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10_000).build();

  CategoryRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  String name(long id) {
    return cache.get("category:" + id, key -> load(id));
  }

  Set<String> cachedKeys() {
    return new TreeSet<>(cache.asMap().keySet());
  }

  private String load(long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("select name from category where id = ?")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
