package dev.cacheinvalidation.agent.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.jdbc.JdbcInstrumentationModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

/**
 * The JDBC prefilter names every method the JDBC advice changes, so narrowing by declared methods never
 * hides a class Byte Buddy would have changed: checked on real drivers' and pools' classes.
 */
class JdbcPrefilterCoverageTest {
  private static final List<Class<?>> JDBC_CLASSES = List.of(org.h2.jdbc.JdbcStatement.class,
      org.h2.jdbc.JdbcPreparedStatement.class, org.h2.jdbc.JdbcCallableStatement.class,
      org.h2.jdbc.JdbcConnection.class, com.zaxxer.hikari.pool.ProxyConnection.class,
      com.zaxxer.hikari.pool.ProxyStatement.class, com.zaxxer.hikari.pool.ProxyPreparedStatement.class);

  @Test
  void everyAdvisedMethodIsNamedByItsPrefilter() {
    int advised = 0;
    for (TypeInstrumentation instrumentation : new JdbcInstrumentationModule().typeInstrumentations()) {
      List<ElementMatcher<? super MethodDescription>> matchers = new ArrayList<>();
      instrumentation.transform((matcher, adviceClassName) -> matchers.add(matcher));
      for (Class<?> type : JDBC_CLASSES) {
        TypeDescription description = TypeDescription.ForLoadedType.of(type);
        if (!instrumentation.typeMatcher().matches(description)) {
          continue;
        }
        for (MethodDescription method : description.getDeclaredMethods()) {
          if (matchers.stream().anyMatch(matcher -> matcher.matches(method))) {
            advised++;
            assertTrue(instrumentation.prefilter().declaredMethods().contains(method.getName()),
                type.getName() + "." + method.getName() + " is advised but not named by the prefilter");
          }
        }
      }
    }
    assertTrue(advised > 40, "advised methods seen: " + advised);
  }

  @Test
  void driverAndPoolClassesPassClassesThatOnlyUseJdbcDoNot() throws IOException {
    List<dev.cacheinvalidation.instrumentation.api.Prefilter> prefilters = new ArrayList<>();
    new JdbcInstrumentationModule().typeInstrumentations().forEach(type -> prefilters.add(type.prefilter()));
    ClassPrefilter prefilter = new ClassPrefilter(prefilters);
    for (Class<?> type : JDBC_CLASSES) {
      assertTrue(prefilter.mightMatch(internalName(type), DeclaredMethodsTest.classFile(type)), type.getName());
    }
    // Mentions java/sql/ (ResultSet, SQLException) but declares none of the advised methods.
    assertFalse(prefilter.mightMatch(internalName(org.h2.jdbc.JdbcResultSetMetaData.class),
        DeclaredMethodsTest.classFile(org.h2.jdbc.JdbcResultSetMetaData.class)));
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }
}
