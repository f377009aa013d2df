package dev.cacheinvalidation.samples.blog.write;

import java.util.List;

/**
 * The fields of a post to create or change; a null field is left as it is (on create: title is required,
 * the rest optional). Immutable.
 */
public record PostDraft(String title, String body, Long categoryId, List<Long> tagIds) {}
