package dev.cacheinvalidation.agent.pipeline;

/** What a write did. Informational: every operation invalidates the same way. */
public enum Operation { INSERT, UPDATE, DELETE, UPSERT, BULK, DDL, MUTATION, UNKNOWN }
