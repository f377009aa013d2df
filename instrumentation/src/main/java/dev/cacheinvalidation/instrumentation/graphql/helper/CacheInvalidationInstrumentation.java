package dev.cacheinvalidation.instrumentation.graphql.helper;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.bridge.GraphQlSink;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.GraphQLUnmodifiedType;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's graphql-java {@link Instrumentation}: tells the agent which mutation fields an execution runs,
 * marks the threads that run its data fetchers, and says when the execution ends.
 *
 * <p><b>Why a helper class compiled against graphql-java</b> (rather than a class generated at run time):
 * graphql-java is an application library, so the agent's own class loader cannot link against it. This
 * class, and the others in its package, are compiled against the oldest supported graphql-java (22) and
 * kept as plain class files in the agent jar; the agent defines them, at the first {@code GraphQL} build,
 * in a small child loader of the loader that holds the application's graphql-java, so they link against the
 * application's own copy, whatever its version. The methods used here have had the same signatures from 22
 * through 26, which the integration tests run. Compared with generating a subclass with Byte Buddy and
 * delegating to reflective code, this keeps the type-walking code (field definitions, wrappers, payloads,
 * unions) ordinary, checked Java, and needs no injection into the application's loader (no
 * {@code Unsafe}, no opened packages). The classes reach the agent only through the bootstrap
 * {@link Bridge}.
 *
 * <p><b>Cost</b>: one small state object per execution; for queries and subscriptions every hook returns
 * after one field read. A mutation adds one report per top-level field and a thread-local switch around each
 * of its non-trivial data fetchers.
 *
 * <p>Thread-safety: stateless; the per-execution {@link ExecutionState} is safe for the engine's threads.
 */
public class CacheInvalidationInstrumentation extends SimplePerformantInstrumentation {
  /** The one instance per helper loader; every engine of the application shares it. */
  public static final CacheInvalidationInstrumentation INSTANCE = new CacheInvalidationInstrumentation();

  protected CacheInvalidationInstrumentation() {}

  /**
   * The instrumentation to build an engine with: the agent's alone when the application set none (or the
   * do-nothing default), the application's unchanged when it already contains the agent's (a second build
   * of one builder, {@code GraphQL.transform}), else a {@link ChainedInstrumentation} of the application's
   * followed by the agent's. Last in the chain, the agent's data-fetcher wrapper is the outermost one, so a
   * transaction an application instrumentation opens around a fetcher commits inside the agent's marking.
   */
  public static Object chain(Object existing) {
    if (existing == null || existing.getClass() == SimplePerformantInstrumentation.class) {
      return INSTANCE;
    }
    if (!(existing instanceof Instrumentation instrumentation) || contains(instrumentation)) {
      return existing;
    }
    List<Instrumentation> chain = new ArrayList<>(2);
    chain.add(instrumentation);
    chain.add(INSTANCE);
    return new ChainedInstrumentation(chain);
  }

  private static boolean contains(Instrumentation instrumentation) {
    // By name: a copy defined by another helper loader is the agent's too.
    if (instrumentation.getClass().getName().equals(CacheInvalidationInstrumentation.class.getName())) {
      return true;
    }
    if (instrumentation instanceof ChainedInstrumentation chained) {
      for (Instrumentation member : chained.getInstrumentations()) {
        if (contains(member)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
    return Bridge.graphQl().tracking() ? new ExecutionState() : null;
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
      InstrumentationState state) {
    // The execution's end, reached on success, field errors and exceptional completion alike.
    return state instanceof ExecutionState executionState ? executionState : null;
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    // Reached only after parsing and validation succeeded: an invalid mutation executed nothing.
    if (state instanceof ExecutionState executionState) {
      ExecutionContext context = parameters.getExecutionContext();
      OperationDefinition operation = context.getOperationDefinition();
      if (operation != null && operation.getOperation() == OperationDefinition.Operation.MUTATION) {
        executionState.start(Bridge.graphQl().mutationStarted(operation.getName()));
      }
    }
    return null;
  }

  @Override
  public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
      InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
    Object mutation = state instanceof ExecutionState executionState ? executionState.mutation() : null;
    if (mutation == null) {
      return dataFetcher;
    }
    if (parameters.getExecutionStepInfo().getPath().getLevel() == 1) {
      reportField(mutation, parameters.getField());
    }
    // A property read cannot write: leave trivial fetchers (and their fast path) alone.
    return parameters.isTrivialDataFetcher() ? dataFetcher : new ContextDataFetcher<>(dataFetcher, mutation);
  }

  private static void reportField(Object mutation, GraphQLFieldDefinition field) {
    GraphQLUnmodifiedType type = GraphQLTypeUtil.unwrapAll(field.getType());
    List<String> inner = new ArrayList<>(4);
    if (type instanceof GraphQLObjectType object) {
      for (GraphQLFieldDefinition payloadField : object.getFieldDefinitions()) {
        GraphQLUnmodifiedType fieldType = GraphQLTypeUtil.unwrapAll(payloadField.getType());
        if (fieldType instanceof GraphQLObjectType && !inner.contains(fieldType.getName())) {
          inner.add(fieldType.getName());
        }
      }
    } else if (type instanceof GraphQLUnionType union) {
      for (GraphQLNamedOutputType member : union.getTypes()) {
        inner.add(member.getName());
      }
    }
    GraphQlSink sink = Bridge.graphQl();
    sink.mutationField(mutation, field.getName(), type.getName(), inner);
  }
}
