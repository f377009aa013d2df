package dev.cacheinvalidation.it.foundation;

/** A program that uses none of the instrumented libraries. */
public final class HelloScenario {
  private HelloScenario() {}

  public static void main(String[] args) {
    System.out.println("hello from the application");
  }
}
