package dev.cacheinvalidation.agent.source.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MutationNamesTest {
  private static final Set<String> KNOWN = Set.of("category", "tag", "blogpost", "address", "box", "order_line");

  private final MutationNames names = new MutationNames(
      Map.of("publishpost", List.of("Post", "Category")),
      name -> KNOWN.contains(name.toLowerCase(Locale.ROOT)),
      name -> name);

  @Test
  void configuredMappingWinsAndIgnoresCase() {
    assertEquals(List.of("Post", "Category"), names.namesFor("publishPost", "Category", List.of()));
    assertEquals(List.of("Post", "Category"), names.namesFor("PublishPost", "Boolean", List.of()));
  }

  @Test
  void knownReturnTypeThenKnownPayloadMembers() {
    assertEquals(List.of("Category"), names.namesFor("doSomething", "Category", List.of("Tag")));
    assertEquals(List.of("Category"), names.namesFor("x", "CreateCategoryPayload", List.of("Category", "Error")));
    assertEquals(List.of("Category", "Tag"),
        names.namesFor("x", "LinkPayload", List.of("Category", "Error", "Tag")));
  }

  @Test
  void conventionOnFieldNames() {
    assertEquals(List.of("Category"), names.namesFor("createCategory", "Boolean", List.of()));
    assertEquals(List.of("Category"), names.namesFor("CreateCategory", "Boolean", List.of()));
    assertEquals(List.of("Category"), names.namesFor("create_category", "Boolean", List.of()));
    assertEquals(List.of("Category"), names.namesFor("bulk_create_category", "Int", List.of()));
    assertEquals(List.of("Category"), names.namesFor("bulkCreateCategories", "Int", List.of()));
    assertEquals(List.of("Tag"), names.namesFor("deleteTags", "Int", List.of()));
    assertEquals(List.of("Tag"), names.namesFor("deleteTagById", "Boolean", List.of()));
    assertEquals(List.of("Tag"), names.namesFor("tagCreate", "Boolean", List.of()));
    assertEquals(List.of("BlogPost"), names.namesFor("upsertBlogPosts", "Boolean", List.of()));
    assertEquals(List.of("Address"), names.namesFor("removeAddresses", "Boolean", List.of()));
    assertEquals(List.of("Box"), names.namesFor("save_boxes", "Boolean", List.of()));
    assertEquals(List.of("order_line"), names.namesFor("add_order_lines", "Boolean", List.of()));
  }

  @Test
  void unmappedFieldsResolveToNothing() {
    assertEquals(List.of(), names.namesFor("createWidget", "Widget", List.of("Error")));
    assertEquals(List.of(), names.namesFor("category", "Boolean", List.of()));
    assertEquals(List.of(), names.namesFor("login", "Token", List.of()));
    assertNull(names.byConvention("create"));
  }

  @Test
  void splitsIdentifiersIntoWords() {
    assertEquals(List.of("create", "url", "alias"), MutationNames.words("createURLAlias"));
    assertEquals(List.of("bulk", "create", "category"), MutationNames.words("bulk_create_category"));
    assertEquals(List.of("delete", "tags"), MutationNames.words("DeleteTags"));
    assertEquals(List.of("category"), MutationNames.singulars("categories").subList(0, 1));
  }
}
