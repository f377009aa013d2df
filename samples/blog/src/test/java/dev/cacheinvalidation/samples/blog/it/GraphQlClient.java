package dev.cacheinvalidation.samples.blog.it;

import com.google.gson.Gson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Requests to the sample's HTTP endpoints, as the curl commands it prints make them. Thread-safe. */
final class GraphQlClient {
  private static final Gson GSON = new Gson();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  GraphQlClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** {@code curl -s <base>/graphql -H 'Content-Type: application/json' -d '{"query": ...}'}, parsed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> post(String query) throws IOException, InterruptedException {
    HttpResponse<String> response = send("POST", "/graphql", GSON.toJson(Map.of("query", query)));
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
    return GSON.fromJson(response.body(), Map.class);
  }

  /** {@code curl -s '<base>/graphql?query=...'}, parsed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> get(String query) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send("GET", "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null);
    return GSON.fromJson(response.body(), Map.class);
  }

  /** {@code curl -s <base>/caches}: cache key to cached value. */
  @SuppressWarnings("unchecked")
  Map<String, Object> caches() throws IOException, InterruptedException {
    return GSON.fromJson(send("GET", "/caches", null).body(), Map.class);
  }

  HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
