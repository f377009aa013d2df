package dev.cacheinvalidation.agent;

/** The agent's version, read from the jar manifest (or {@code dev} when run from classes). */
public final class AgentVersion {
  /** System property set while an agent runs in this JVM; the CLI reads it to refuse a second attach. */
  public static final String ACTIVE_PROPERTY = "dev.cacheinvalidation.agent.version";

  public static final String VERSION = readVersion();

  private AgentVersion() {}

  private static String readVersion() {
    String version = AgentVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
