package dev.cacheinvalidation.samples.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample's executable jar running in its own JVM ({@code java [-javaagent:...] -jar spring-boot-sample.jar}),
 * driven over HTTP. Its standard output and error go to files under {@code target/it-logs}; the agent's
 * {@code log} strategy lines in standard error tell which names each write invalidated. Close it to stop the
 * JVM. Used by one test class at a time; not thread-safe.
 */
final class RunningApplication implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Pattern INVALIDATION = Pattern.compile("invalidate #\\d+ \\((.*)\\) names=\\[(.*)] patterns=");
  private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private RunningApplication(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts the executable jar and waits until it serves HTTP.
   *
   * @param label names the log files
   * @param agentArguments the agent's arguments, or null to run without the agent
   * @param applicationArguments extra Spring Boot arguments ({@code --key=value})
   */
  static RunningApplication start(String label, String agentArguments, List<String> applicationArguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived test JVM: C1 only and the serial collector start Spring Boot faster on a small machine.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    if (agentArguments != null) {
      command.add("-javaagent:" + requiredFile("it.agent.jar") + "=" + agentArguments);
    }
    command.addAll(List.of("-jar", requiredFile("it.app.jar").toString(), "--server.port=0"));
    command.addAll(applicationArguments);
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    Path stdout = logs.resolve(label + ".stdout.log");
    Path stderr = logs.resolve(label + ".stderr.log");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    RunningApplication application = new RunningApplication(process, stdout, stderr);
    try {
      application.awaitStarted();
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      application.close();
      throw e;
    }
    return application;
  }

  static Path requiredFile(String property) {
    Path file = Path.of(System.getProperty(property, "(system property " + property + " not set)"));
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(property + "=" + file + " does not exist: build with mvn verify");
    }
    return file.toAbsolutePath();
  }

  /** Waits for Spring Boot to report the port it chose ({@code --server.port=0}). */
  private void awaitStarted() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the application exited with " + process.exitValue() + "\n" + output());
      }
      Matcher listening = LISTENING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
      if (listening.find()) {
        base = URI.create("http://127.0.0.1:" + listening.group(1));
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the application did not serve HTTP within " + START_TIMEOUT + "\n" + output());
  }

  /** An HTTP response: its status and its JSON body (a missing node for an empty body). */
  record Response(int status, JsonNode body) {
    String text(String field) {
      return body.path(field).asText();
    }

    long id() {
      return body.path("id").asLong();
    }
  }

  Response get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  Response post(String path, Object body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  Response put(String path, Object body) throws IOException, InterruptedException {
    return send("PUT", path, body);
  }

  Response delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null);
  }

  /** Runs a GraphQL operation on {@code POST /graphql}; the response body is the GraphQL result. */
  Response graphql(String document) throws IOException, InterruptedException {
    return post("/graphql", Map.of("query", document));
  }

  /** The keys each cache holds now ({@code GET /api/caches}). */
  Map<String, Set<String>> cacheKeys(boolean withRedis) throws IOException, InterruptedException {
    JsonNode body = get("/api/caches?redis=" + withRedis).body();
    Map<String, Set<String>> keys = new java.util.TreeMap<>();
    body.fields().forEachRemaining(cache -> {
      Set<String> cacheKeys = new TreeSet<>();
      cache.getValue().forEach(key -> cacheKeys.add(key.asText()));
      keys.put(cache.getKey(), cacheKeys);
    });
    return keys;
  }

  private Response send(String method, String path, Object body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    return new Response(response.statusCode(), json);
  }

  private HttpRequest request(String method, String path, Object body) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
  }

  /** How many invalidations the agent has logged so far: pass it to {@link #invalidationsSince}. */
  int invalidationCount() throws IOException {
    return invalidations().size();
  }

  /**
   * The invalidations logged after {@code mark}, each as the set of its names in lower case. A write's
   * invalidations are logged before its response is sent (local strategies run before the commit returns).
   */
  List<Set<String>> invalidationsSince(int mark) throws IOException {
    List<Set<String>> all = invalidations();
    return all.subList(Math.min(mark, all.size()), all.size());
  }

  private List<Set<String>> invalidations() throws IOException {
    List<Set<String>> found = new ArrayList<>();
    for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
      Matcher matcher = INVALIDATION.matcher(line);
      if (matcher.find()) {
        Set<String> names = new TreeSet<>();
        for (String name : matcher.group(2).split(",")) {
          if (!name.isBlank()) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
          }
        }
        found.add(names);
      }
    }
    return found;
  }

  /** Everything the application printed, for assertion messages. */
  String output() {
    try {
      return "--- stdout (" + stdout + ") ---\n" + tail(stdout) + "\n--- stderr (" + stderr + ") ---\n" + tail(stderr);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** Stops the JVM: a graceful shutdown first (Spring closes its context), forcibly after 20 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      process.onExit().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // fall through to the forcible stop
    }
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
