package dev.cacheinvalidation.instrumentation.graphql.helper;

import dev.cacheinvalidation.bridge.Bridge;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;

/**
 * One execution as the agent follows it: the agent's mutation handle once the operation turns out to be a
 * mutation, and the execution's end.
 *
 * <p>Doubles as the {@link InstrumentationContext} of the whole execution, so following an execution costs
 * one allocation. Thread-safety: the handle is volatile (data fetchers of one execution may run on several
 * threads) and the end is reported at most once.
 */
final class ExecutionState implements InstrumentationState, InstrumentationContext<ExecutionResult> {
  private volatile Object mutation;

  void start(Object handle) {
    this.mutation = handle;
  }

  /** The agent's handle, or null while the operation is not (or not yet known to be) a tracked mutation. */
  Object mutation() {
    return mutation;
  }

  @Override
  public void onDispatched() {}

  @Override
  public void onCompleted(ExecutionResult result, Throwable failure) {
    Object handle;
    synchronized (this) {
      handle = mutation;
      mutation = null;
    }
    if (handle != null) {
      Bridge.graphQl().mutationEnded(handle);
    }
  }
}
