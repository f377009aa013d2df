package dev.cacheinvalidation.agent.jmx;

import dev.cacheinvalidation.agent.logging.AgentLog;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * Registers the agent's MXBean once the platform MBeanServer is safe to create.
 *
 * <p>Creating the platform MBeanServer inside {@code premain} would fix its implementation before an
 * application server (JBoss/WildFly, which installs its own MBeanServerBuilder and log manager) has set it
 * up, and would cost start-up time for every program. So registration happens on a daemon thread after a
 * short delay, and after a longer one where such a server is detected. Thread-safe; runs once.
 */
public final class JmxRegistrar {
  private static final Logger log = AgentLog.get(JmxRegistrar.class);
  private static final long APPLICATION_SERVER_DELAY_MILLIS = 10_000;

  private JmxRegistrar() {}

  /** Registers the MXBean in the background after {@code delayMillis}. */
  public static void registerLater(AgentMXBean bean, long delayMillis) {
    long delay = customisesJmx() ? Math.max(delayMillis, APPLICATION_SERVER_DELAY_MILLIS) : delayMillis;
    Thread thread = new Thread(() -> {
      try {
        Thread.sleep(delay);
        register(bean);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        log.warn("could not register the JMX MBean {}: {}", AgentMXBean.OBJECT_NAME, t.toString());
      }
    }, "cache-invalidation-jmx");
    thread.setDaemon(true);
    thread.start();
  }

  /** Registers the MXBean now, replacing a stale registration from an earlier attach. */
  public static void register(AgentMXBean bean) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName(AgentMXBean.OBJECT_NAME);
    if (server.isRegistered(name)) {
      server.unregisterMBean(name);
    }
    server.registerMBean(bean, name);
    log.debug("registered JMX MBean {}", AgentMXBean.OBJECT_NAME);
  }

  private static boolean customisesJmx() {
    return System.getProperty("javax.management.builder.initial") != null
        || System.getProperty("jboss.modules.system.pkgs") != null
        || System.getProperty("java.util.logging.manager") != null;
  }
}
