package dev.cacheinvalidation.samples.springboot.domain;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data repository of tags, with one JPQL bulk update. */
public interface TagRepository extends JpaRepository<Tag, Long> {
  /** Upper-cases, in one JPQL {@code update}, the names of the tags whose name starts with {@code prefix}. */
  @Modifying
  @Query("update Tag t set t.name = upper(t.name) where t.name like concat(:prefix, '%')")
  int upperCaseNamesStartingWith(@Param("prefix") String prefix);
}
