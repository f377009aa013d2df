package dev.cacheinvalidation.samples.springboot.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of comments. */
public interface CommentRepository extends JpaRepository<Comment, Long> {
  List<Comment> findByPostIdOrderById(Long postId);
}
