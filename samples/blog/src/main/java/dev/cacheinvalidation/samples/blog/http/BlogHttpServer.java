package dev.cacheinvalidation.samples.blog.http;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cacheinvalidation.samples.blog.cache.BlogCaches;
import dev.cacheinvalidation.samples.blog.json.Json;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The blog over HTTP with the JDK's own server: {@code POST /graphql} with a JSON body
 * {@code {"query", "variables", "operationName"}} (or, for queries, {@code GET /graphql?query=...}) answers
 * the GraphQL result as JSON; {@code GET /caches} shows what the read caches hold, to watch invalidations
 * happen.
 * Thread-safe; requests run on a small pool.
 */
public final class BlogHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService workers;

  private BlogHttpServer(HttpServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  /** Starts serving on {@code port} (0: a free one) of every interface. */
  public static BlogHttpServer start(int port, GraphQL graphQl, BlogCaches caches) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    server.setExecutor(workers);
    server.createContext("/graphql", exchange -> handle(exchange, () -> graphQl(exchange, graphQl)));
    server.createContext("/caches", exchange -> handle(exchange, () -> caches(exchange, caches)));
    server.start();
    return new BlogHttpServer(server, workers);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private static Response graphQl(HttpExchange exchange, GraphQL graphQl) throws IOException {
    Map<String, Object> request;
    switch (exchange.getRequestMethod()) {
      case "POST" -> {
        try {
          request = Json.readObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
          return Response.error(400, "the body is not JSON: " + e.getMessage());
        }
      }
      case "GET" -> request = queryParameters(exchange.getRequestURI().getRawQuery());
      default -> {
        return Response.error(405, "use POST (or GET for queries)");
      }
    }
    if (request == null || !(request.get("query") instanceof String query) || query.isBlank()) {
      return Response.error(400, "a request needs a \"query\"");
    }
    Object operationName = request.get("operationName");
    if (exchange.getRequestMethod().equals("GET") && isMutation(query, operationName)) {
      // GET must be safe to repeat (links, prefetching, proxies): writes go by POST.
      return Response.error(405, "mutations need POST");
    }
    ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query);
    if (request.get("variables") instanceof Map<?, ?> variables) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) variables;
      input.variables(typed);
    }
    if (operationName instanceof String name) {
      input.operationName(name);
    }
    return new Response(200, Json.write(graphQl.execute(input.build()).toSpecification()));
  }

  private static boolean isMutation(String query, Object operationName) {
    try {
      return Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).stream()
          .filter(operation -> operationName == null || operationName.equals(operation.getName()))
          .anyMatch(operation -> operation.getOperation() == OperationDefinition.Operation.MUTATION);
    } catch (InvalidSyntaxException e) {
      return false; // the engine answers the syntax error
    }
  }

  private static Response caches(HttpExchange exchange, BlogCaches caches) {
    if (!exchange.getRequestMethod().equals("GET")) {
      return Response.error(405, "use GET");
    }
    JsonObject contents = new JsonObject();
    caches.contents().forEach((key, json) -> contents.add(key, JsonParser.parseString(json)));
    return new Response(200, Json.write(contents));
  }

  private static Map<String, Object> queryParameters(String rawQuery) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (rawQuery == null) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.put(name, name.equals("variables") && !value.isEmpty() ? Json.readObject(value) : value);
    }
    return parameters;
  }

  private interface Handler {
    Response respond() throws IOException;
  }

  private record Response(int status, String json) {
    static Response error(int status, String message) {
      return new Response(status, Json.write(Map.of("errors", java.util.List.of(Map.of("message", message)))));
    }
  }

  private static void handle(HttpExchange exchange, Handler handler) throws IOException {
    Response response;
    try {
      response = handler.respond();
    } catch (RuntimeException e) {
      response = Response.error(500, String.valueOf(e));
    }
    byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(response.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
