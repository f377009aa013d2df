package dev.cacheinvalidation.instrumentation.caffeine;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cacheinvalidation.bridge.Bridge;
import dev.cacheinvalidation.instrumentation.api.InstrumentationModule;
import dev.cacheinvalidation.instrumentation.api.LibraryNames;
import dev.cacheinvalidation.instrumentation.api.Prefilter;
import dev.cacheinvalidation.instrumentation.api.TypeInstrumentation;
import dev.cacheinvalidation.instrumentation.api.TypeTransformer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Discovers the application's Caffeine caches as they are built, and the names frameworks give them.
 *
 * <p>Caffeine's builder is the one place every cache passes through, whatever the framework around it, so a
 * cache is known from the moment it exists; nothing scans the heap. Only the builder's {@code build} and
 * {@code buildAsync} methods are touched: reads and writes of the cache itself stay uninstrumented.
 */
public final class CaffeineInstrumentationModule implements InstrumentationModule {

  static final String CAFFEINE_BUILDER = LibraryNames.unrelocated("com#github#benmanes#caffeine#cache#Caffeine");
  static final String SPRING_CAFFEINE_CACHE = "org.springframework.cache.caffeine.CaffeineCache";

  @Override
  public String name() {
    return "caffeine";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new BuilderInstrumentation(), new SpringCaffeineCacheInstrumentation());
  }

  static final class BuilderInstrumentation implements TypeInstrumentation {
    @Override
    public Prefilter prefilter() {
      return Prefilter.named(CAFFEINE_BUILDER);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(CAFFEINE_BUILDER);
    }

    @Override
    public void transform(TypeTransformer transformer) {
      transformer.applyAdviceToMethod(
          isPublic().and(namedOneOf("build", "buildAsync")), BuildAdvice.class.getName());
    }
  }

  static final class SpringCaffeineCacheInstrumentation implements TypeInstrumentation {
    @Override
    public Prefilter prefilter() {
      return Prefilter.named(SPRING_CAFFEINE_CACHE);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(SPRING_CAFFEINE_CACHE);
    }

    @Override
    public void transform(TypeTransformer transformer) {
      // CaffeineCache(String name, Cache<Object,Object> cache[, boolean allowNullValues]) and the AsyncCache forms.
      transformer.applyAdviceToMethod(
          net.bytebuddy.matcher.ElementMatchers.isConstructor().and(takesArguments(2).or(takesArguments(3))),
          NamedCacheAdvice.class.getName());
    }
  }

  /** Advice: reports each cache the builder returns. */
  public static final class BuildAdvice {
    private BuildAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return Object cache) {
      if (cache != null) {
        Bridge.cache().caffeineCacheBuilt(cache);
      }
    }
  }

  /** Advice: reports the name Spring gives a Caffeine cache. */
  public static final class NamedCacheAdvice {
    private NamedCacheAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Argument(0) String name, @Advice.Argument(1) Object nativeCache) {
      if (name != null && nativeCache != null) {
        Bridge.cache().cacheNamed(name, nativeCache);
      }
    }
  }
}
