package dev.cacheinvalidation.samples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small blog on Spring Boot: Spring Data JPA on H2 (HikariCP), Spring for GraphQL, {@code JdbcTemplate},
 * and {@code @Cacheable} reads on Caffeine and on Redis. It contains no invalidation code at all: no
 * {@code @CacheEvict}, no {@code cache.clear()}. Started with the cache-invalidation agent, its caches stay
 * fresh; started without it, they serve stale data after every write.
 */
@SpringBootApplication
public class SpringBootSampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpringBootSampleApplication.class, args);
  }
}
