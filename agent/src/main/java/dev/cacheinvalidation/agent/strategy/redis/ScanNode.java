package dev.cacheinvalidation.agent.strategy.redis;

import io.lettuce.core.RedisURI;

/**
 * One server whose keyspace a pattern delete walks: the configured server (standalone, or the master a
 * Sentinel names) or one cluster master.
 *
 * @param label for logs; never holds credentials
 * @param uri how to connect, with the configured credentials and options
 */
record ScanNode(String label, RedisURI uri) {}
