package dev.cacheinvalidation.samples.blog;

/** The sample's command-line flags. Immutable. */
record Options(boolean demo, boolean demoOnly, int port, boolean markers) {
  static final String USAGE =
      "usage: blog-sample.jar [--demo-only | --no-demo] [--port <n> (default 8080, 0: any free port)] [--markers]";

  static Options parse(String[] arguments) {
    boolean demo = true;
    boolean demoOnly = false;
    boolean markers = false;
    int port = 8080;
    for (int i = 0; i < arguments.length; i++) {
      switch (arguments[i]) {
        case "--demo-only" -> demoOnly = true;
        case "--no-demo" -> demo = false;
        case "--markers" -> markers = true;
        case "--port" -> {
          if (i + 1 == arguments.length) {
            throw new IllegalArgumentException("--port needs a number");
          }
          port = port(arguments[++i]);
        }
        default -> throw new IllegalArgumentException("unknown argument: " + arguments[i]);
      }
    }
    if (demoOnly && !demo) {
      throw new IllegalArgumentException("--demo-only and --no-demo exclude each other");
    }
    return new Options(demo, demoOnly, port, markers);
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException("--port: '" + value + "' is not a port (0 to 65535)");
  }
}
