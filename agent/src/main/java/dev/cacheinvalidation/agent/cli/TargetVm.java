package dev.cacheinvalidation.agent.cli;

import java.util.Properties;

/**
 * A JVM attached through the attach API, reached reflectively so that the CLI explains a runtime without
 * {@code jdk.attach} (a bare JRE) instead of failing with a linkage error. Not thread-safe.
 */
final class TargetVm implements AutoCloseable {
  private final Object vm;
  private final Class<?> type;

  private TargetVm(Object vm, Class<?> type) {
    this.vm = vm;
    this.type = type;
  }

  static TargetVm attach(String pid) throws AgentCli.CliException {
    if (!pid.chars().allMatch(Character::isDigit) || pid.isEmpty()) {
      throw new AgentCli.UsageException("'" + pid + "' is not a process id");
    }
    Class<?> type;
    try {
      type = Class.forName("com.sun.tools.attach.VirtualMachine");
    } catch (ClassNotFoundException e) {
      throw new AgentCli.CliException("this Java runtime has no attach mechanism (module jdk.attach); run the CLI"
          + " with a full JDK, not a JRE: " + System.getProperty("java.home"));
    }
    try {
      return new TargetVm(type.getMethod("attach", String.class).invoke(null, pid), type);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      String reason = cause == null ? e.toString() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
      throw new AgentCli.CliException("cannot attach to JVM " + pid + " (" + reason + "). Is the pid right"
          + " (jps lists Java processes), is it run by the same user, and was it started without"
          + " -XX:+DisableAttachMechanism?");
    } catch (ReflectiveOperationException e) {
      throw new AgentCli.CliException("cannot attach to JVM " + pid + ": " + e);
    }
  }

  Properties systemProperties() throws AgentCli.CliException {
    return (Properties) call("getSystemProperties");
  }

  String localConnectorAddress() throws AgentCli.CliException {
    return (String) call("startLocalManagementAgent");
  }

  void loadAgent(String jar, String arguments) throws AgentCli.CliException {
    try {
      type.getMethod("loadAgent", String.class, String.class).invoke(vm, jar, arguments);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new AgentCli.CliException("the target JVM could not load the agent: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AgentCli.CliException("cannot load the agent: " + e);
    }
  }

  private Object call(String method) throws AgentCli.CliException {
    try {
      return type.getMethod(method).invoke(vm);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new AgentCli.CliException(method + " failed in the target JVM: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AgentCli.CliException(method + " failed: " + e);
    }
  }

  @Override
  public void close() {
    try {
      type.getMethod("detach").invoke(vm);
    } catch (ReflectiveOperationException ignored) {
      // already gone
    }
  }
}
