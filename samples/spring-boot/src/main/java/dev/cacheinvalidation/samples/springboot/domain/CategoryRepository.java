package dev.cacheinvalidation.samples.springboot.domain;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of categories. */
public interface CategoryRepository extends JpaRepository<Category, Long> {}
