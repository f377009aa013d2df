package dev.cacheinvalidation.agent.install;

import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;

// Top-level serializable classes without a serialVersionUID, in the shapes the default UID depends on: the
// modifiers, interfaces, fields, static initializer, constructors and methods of SerialVersionUidKeeperTest.

/** Every kind of member, a static initializer and a lambda (a private synthetic method). */
class SerialEverything implements Serializable, Comparable<SerialEverything>, Runnable {
  private static final List<String> NAMES = List.of("a", "b");
  private static int counter;
  private transient Object cached;
  public String name;
  protected volatile long version;
  final int[] values = {1, 2};
  private String secret;

  static {
    counter = NAMES.size();
  }

  public SerialEverything() {}

  SerialEverything(String name) {
    this.name = name;
  }

  private SerialEverything(int version) {
    this.version = version;
  }

  @Override
  public int compareTo(SerialEverything other) { // and its public synthetic bridge method
    return name.compareTo(other.name);
  }

  @Override
  public synchronized void run() {
    Supplier<String> supplier = () -> secret + cached;
    secret = supplier.get();
  }

  static int count() {
    return counter;
  }

  protected final strictfp double ratio(double a, double b) {
    return a / b;
  }

  private void hidden() {}

  public native void nativeCall();
}

/** Abstract, no static initializer, an abstract method. */
abstract class SerialAbstract implements Serializable {
  protected abstract String describe();

  public String twice() {
    return describe() + describe();
  }
}

/** Final, public constructors only, inherits its serializability. */
final class SerialFinal extends SerialAbstract {
  public final String text;

  public SerialFinal(String text) {
    this.text = text;
  }

  @Override
  protected String describe() {
    return text;
  }
}
