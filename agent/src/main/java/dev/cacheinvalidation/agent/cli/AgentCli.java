package dev.cacheinvalidation.agent.cli;

import dev.cacheinvalidation.agent.AgentVersion;
import dev.cacheinvalidation.agent.jmx.AgentMXBean;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code java -jar cache-invalidation-agent.jar <command>}: attach the agent to a running JVM, print its
 * status, change a setting.
 *
 * <p>Uses the JDK's attach API (module {@code jdk.attach}, present in every JDK but not in a bare JRE) and
 * the target's local JMX connector: no network port is opened.
 */
public final class AgentCli {
  private static final String USAGE = String.join("\n",
      "usage: java -jar cache-invalidation-agent.jar <command>",
      "  attach <pid> [key=value ...]   load the agent into a running JVM (instruments loaded classes too)",
      "  status <pid>                   print the agent's JMX attributes",
      "  set <pid> <Strategy|Sources|Enabled> <value>",
      "                                 change a setting; applies from the next unit of work");

  private final PrintStream out;
  private final PrintStream err;

  AgentCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new AgentCli(System.out, System.err).run(args));
  }

  int run(String[] args) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
      out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    try {
      switch (args[0]) {
        case "attach":
          requireArgs(args, 2);
          return attach(args[1], Arrays.asList(args).subList(2, args.length));
        case "status":
          requireArgs(args, 2);
          return status(args[1]);
        case "set":
          requireArgs(args, 4);
          return set(args[1], args[2], String.join(" ", Arrays.asList(args).subList(3, args.length)));
        default:
          err.println("unknown command '" + args[0] + "'\n" + USAGE);
          return 2;
      }
    } catch (UsageException e) {
      err.println(e.getMessage() + "\n" + USAGE);
      return 2;
    } catch (CliException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private int attach(String pid, List<String> settings) throws CliException {
    String arguments = String.join(",", settings);
    try (TargetVm vm = TargetVm.attach(pid)) {
      Properties properties = vm.systemProperties();
      String running = properties.getProperty(AgentVersion.ACTIVE_PROPERTY);
      if (running != null) {
        throw new CliException("the agent (version " + running + ") is already attached to JVM " + pid
            + "; change settings with: set " + pid + " <Strategy|Sources|Enabled> <value>");
      }
      String version = properties.getProperty("java.specification.version", "?");
      vm.loadAgent(agentJar(), arguments);
      out.println("attached cache-invalidation-agent " + AgentVersion.VERSION + " to JVM " + pid + " (Java "
          + version + ")" + (arguments.isEmpty() ? "" : " with " + arguments));
      if (featureVersion(version) >= 21) {
        out.println("note: Java " + version + " prints 'WARNING: A Java agent has been loaded dynamically' in the"
            + " target (JEP 451). Start the target with -XX:+EnableDynamicAgentLoading to allow it silently, or"
            + " prefer -javaagent at start-up; a future JDK may refuse dynamic loading by default.");
      }
      return 0;
    }
  }

  private int status(String pid) throws CliException {
    try (TargetVm vm = TargetVm.attach(pid); JMXConnector connector = connect(vm)) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName name = agentName(server, pid);
      Map<String, String> lines = new TreeMap<>();
      for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
        lines.put(attribute.getName(), format(server.getAttribute(name, attribute.getName())));
      }
      out.println("cache-invalidation-agent in JVM " + pid + ":");
      lines.forEach((attribute, value) -> out.println("  " + attribute + " = " + value));
      return 0;
    } catch (CliException e) {
      throw e;
    } catch (Exception e) {
      throw new CliException("cannot read the agent's status in JVM " + pid + ": " + e);
    }
  }

  private int set(String pid, String attribute, String value) throws CliException {
    if (!List.of("Strategy", "Sources", "Enabled").contains(attribute)) {
      throw new UsageException("set: attribute must be Strategy, Sources or Enabled, not '" + attribute + "'");
    }
    try (TargetVm vm = TargetVm.attach(pid); JMXConnector connector = connect(vm)) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName name = agentName(server, pid);
      Object typed = attribute.equals("Enabled") ? parseBoolean(value) : value;
      try {
        server.setAttribute(name, new Attribute(attribute, typed));
      } catch (Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        throw new CliException("JVM " + pid + " rejected " + attribute + "=" + value + ": " + cause.getMessage());
      }
      out.println(attribute + " = " + format(server.getAttribute(name, attribute)));
      return 0;
    } catch (CliException e) {
      throw e;
    } catch (Exception e) {
      throw new CliException("cannot set " + attribute + " in JVM " + pid + ": " + e);
    }
  }

  private static Boolean parseBoolean(String value) throws UsageException {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.valueOf(value);
    }
    throw new UsageException("set Enabled: expected true or false, not '" + value + "'");
  }

  private static JMXConnector connect(TargetVm vm) throws Exception {
    return JMXConnectorFactory.connect(new JMXServiceURL(vm.localConnectorAddress()), Map.of());
  }

  private static ObjectName agentName(MBeanServerConnection server, String pid) throws Exception {
    ObjectName name = new ObjectName(AgentMXBean.OBJECT_NAME);
    if (!server.isRegistered(name)) {
      throw new CliException("JVM " + pid + " has no cache-invalidation agent (no " + AgentMXBean.OBJECT_NAME
          + "); attach it first with: attach " + pid);
    }
    return name;
  }

  private static String format(Object value) {
    if (value instanceof TabularData table) {
      Map<String, Object> entries = new TreeMap<>();
      for (Object row : table.values()) {
        CompositeData data = (CompositeData) row;
        entries.put(String.valueOf(data.get("key")), data.get("value"));
      }
      return entries.toString();
    }
    return String.valueOf(value);
  }

  private static int featureVersion(String specification) {
    try {
      return Integer.parseInt(specification.split("\\.")[0]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String agentJar() throws CliException {
    try {
      File jar = new File(AgentCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!jar.isFile()) {
        throw new CliException("attach must run from the agent jar (java -jar cache-invalidation-agent.jar)");
      }
      return jar.getAbsolutePath();
    } catch (URISyntaxException | SecurityException e) {
      throw new CliException("cannot locate the agent jar: " + e);
    }
  }

  private static void requireArgs(String[] args, int count) throws UsageException {
    if (args.length < count) {
      throw new UsageException(args[0] + ": missing arguments");
    }
  }

  /** A failure to report to the user, without a stack trace. */
  static class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
      super(message);
    }
  }

  /** A usage mistake: the usage text follows the message. */
  static final class UsageException extends CliException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
