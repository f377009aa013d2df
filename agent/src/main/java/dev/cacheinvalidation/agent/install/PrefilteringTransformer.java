package dev.cacheinvalidation.agent.install;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The transformer registered at start-up: it asks the {@link ClassPrefilter} first and builds Byte Buddy's
 * transformer only when the first candidate class is loaded.
 *
 * <p>A program that never loads JDBC, Hibernate, graphql-java or Caffeine never loads Byte Buddy, which is
 * most of the agent's start-up cost. Thread-safe: the delegate is built once, under a lock that is never
 * taken for the agent's own classes, so loading Byte Buddy from inside a transformation cannot deadlock.
 */
final class PrefilteringTransformer implements ClassFileTransformer {
  private final ClassPrefilter prefilter;
  private final Supplier<ClassFileTransformer> delegateFactory;
  private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();
  private volatile ClassFileTransformer delegate;

  PrefilteringTransformer(ClassPrefilter prefilter, Supplier<ClassFileTransformer> delegateFactory) {
    this.prefilter = prefilter;
    this.delegateFactory = delegateFactory;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    try {
      if (loader == null || loader == platformLoader || !prefilter.mightMatch(className, classFile)) {
        return null;
      }
      return delegate().transform(module, loader, className, classBeingRedefined, protectionDomain, classFile);
    } catch (Throwable t) {
      // Never break class loading of the application.
      return null;
    }
  }

  private ClassFileTransformer delegate() {
    ClassFileTransformer current = delegate;
    if (current == null) {
      synchronized (this) {
        current = delegate;
        if (current == null) {
          current = delegateFactory.get();
          delegate = current;
        }
      }
    }
    return current;
  }
}
