package dev.cacheinvalidation.samples.overhead.child;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The entity of the JPA workloads: an id from a sequence (Hibernate's pooled default) and one column. */
@Entity
public class Note {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE)
  private Long id;

  private String text;

  protected Note() {}

  Note(String text) {
    this.text = text;
  }

  Long id() {
    return id;
  }

  String text() {
    return text;
  }
}
