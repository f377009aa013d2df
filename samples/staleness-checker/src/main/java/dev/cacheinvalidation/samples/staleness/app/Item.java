package dev.cacheinvalidation.samples.staleness.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The JPA view of table {@code item}. The version is a plain column the writers increment, not {@code @Version}. */
@Entity
@Table(name = "item")
public class Item {
  @Id
  public long id;

  public long version;

  public String payload;
}
