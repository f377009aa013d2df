package dev.cacheinvalidation.samples.blog.it;

/** {@link GraphQlEndpointContract} on the sample with the built agent attached. */
class GraphQlEndpointWithAgentIT extends GraphQlEndpointContract {
  @Override
  boolean withAgent() {
    return true;
  }
}
