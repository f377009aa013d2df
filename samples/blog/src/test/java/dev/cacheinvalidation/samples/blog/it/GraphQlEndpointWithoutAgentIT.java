package dev.cacheinvalidation.samples.blog.it;

/** {@link GraphQlEndpointContract} on the sample alone: the same behaviour, bar the stale read. */
class GraphQlEndpointWithoutAgentIT extends GraphQlEndpointContract {
  @Override
  boolean withAgent() {
    return false;
  }
}
