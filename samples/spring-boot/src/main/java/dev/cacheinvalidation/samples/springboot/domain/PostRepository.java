package dev.cacheinvalidation.samples.springboot.domain;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of posts. */
public interface PostRepository extends JpaRepository<Post, Long> {}
