package dev.cacheinvalidation.it.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a scenario class in a new JVM with the built agent jar on {@code -javaagent}, the way a user runs it.
 *
 * <p>The class path is the test classes (scenarios only use application libraries) plus one <em>testbed</em>:
 * the jars of {@code agent/testbeds/<name>}, resolved by Maven, so the application's library versions are
 * chosen per scenario and never mixed with the agent's own. Not thread-safe; build one per process.
 */
public final class ForkedJvm {
  private final String mainClass;
  private final List<String> arguments = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> testbeds = new ArrayList<>();
  private final List<Path> extraClassPath = new ArrayList<>();
  private Path javaHome = Jdks.current();
  private Path workingDirectory;
  private String agentArguments;
  private boolean agent = true;
  private boolean inheritEnvironment = true;

  private ForkedJvm(String mainClass) {
    this.mainClass = mainClass;
  }

  /** A JVM that runs {@code scenario}'s {@code main}. */
  public static ForkedJvm scenario(Class<?> scenario) {
    return new ForkedJvm(scenario.getName());
  }

  /** A JVM that runs a main class by name (for example one only a testbed jar has). */
  public static ForkedJvm mainClass(String mainClass) {
    return new ForkedJvm(mainClass);
  }

  /** The built agent jar. */
  public static Path agentJar() {
    Path jar = Path.of(System.getProperty("it.agent.jar", "target/cache-invalidation-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("agent jar not built: " + jar.toAbsolutePath());
    }
    return jar.toAbsolutePath();
  }

  public ForkedJvm args(String... values) {
    arguments.addAll(List.of(values));
    return this;
  }

  public ForkedJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  public ForkedJvm systemProperty(String name, String value) {
    systemProperties.put(name, value);
    return this;
  }

  public ForkedJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Starts from an empty environment (plus PATH and what {@link #env} adds): no INVALIDATION_* leaks in. */
  public ForkedJvm cleanEnvironment() {
    inheritEnvironment = false;
    return this;
  }

  /** Adds the jars of {@code agent/testbeds/<name>} to the class path. */
  public ForkedJvm testbed(String name) {
    testbeds.add(name);
    return this;
  }

  public ForkedJvm classPath(Path entry) {
    extraClassPath.add(entry);
    return this;
  }

  public ForkedJvm jdk(Path home) {
    this.javaHome = home;
    return this;
  }

  public ForkedJvm workingDirectory(Path directory) {
    this.workingDirectory = directory;
    return this;
  }

  /** {@code -javaagent:<jar>=<arguments>}. */
  public ForkedJvm agentArgs(String value) {
    this.agentArguments = value;
    return this;
  }

  /** Runs the same scenario without the agent, for baselines and transparency checks. */
  public ForkedJvm withoutAgent() {
    this.agent = false;
    return this;
  }

  public ForkedProcess start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    if (agent) {
      command.add("-javaagent:" + agentJar() + (agentArguments == null ? "" : "=" + agentArguments));
    }
    command.addAll(jvmOptions);
    systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(arguments);

    ProcessBuilder builder = new ProcessBuilder(command);
    if (!inheritEnvironment) {
      String path = builder.environment().get("PATH");
      builder.environment().clear();
      if (path != null) {
        builder.environment().put("PATH", path);
      }
    } else {
      builder.environment().keySet().removeIf(name -> name.startsWith("INVALIDATION_"));
    }
    builder.environment().putAll(environment);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    return new ForkedProcess(builder.start(), command);
  }

  private String classPath() throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(Path.of(System.getProperty("it.test.classes", "target/test-classes")).toAbsolutePath().toString());
    for (String testbed : testbeds) {
      Path lib = testbedDirectory(testbed);
      try (Stream<Path> jars = Files.list(lib)) {
        jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toString()));
      }
    }
    extraClassPath.forEach(entry -> entries.add(entry.toAbsolutePath().toString()));
    return String.join(File.pathSeparator, entries);
  }

  /** The resolved jars of a testbed. */
  public static Path testbedDirectory(String testbed) {
    Path root = Path.of(System.getProperty("it.testbeds", "testbeds"));
    Path lib = root.resolve(testbed).resolve("target/lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException("testbed " + testbed + " is not resolved: " + lib.toAbsolutePath()
          + " (run the build from the repository root)");
    }
    return lib;
  }
}
