package dev.cacheinvalidation.samples.blog;

import dev.cacheinvalidation.samples.blog.cache.BlogCaches;
import dev.cacheinvalidation.samples.blog.cache.CacheSettings;
import dev.cacheinvalidation.samples.blog.demo.NarratedDemo;
import dev.cacheinvalidation.samples.blog.graphql.BlogSchema;
import dev.cacheinvalidation.samples.blog.http.BlogHttpServer;
import dev.cacheinvalidation.samples.blog.persistence.BlogDatabase;
import dev.cacheinvalidation.samples.blog.persistence.SeedData;
import dev.cacheinvalidation.samples.blog.read.BlogReads;
import dev.cacheinvalidation.samples.blog.write.BlogWrites;
import graphql.GraphQL;
import java.lang.management.ManagementFactory;

/**
 * The blog sample's entry point: builds the application (Hibernate on H2, read caches, GraphQL), prints the
 * narrated demo, then serves {@code /graphql} over HTTP until stopped.
 *
 * <pre>
 * java [-javaagent:agent/target/cache-invalidation-agent.jar] -jar samples/blog/target/blog-sample.jar
 *      [--demo-only] [--port 8080] [--no-demo] [--markers]
 * </pre>
 */
public final class BlogApplication {
  private BlogApplication() {}

  public static void main(String[] arguments) throws Exception {
    Options options;
    try {
      options = Options.parse(arguments);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    BlogDatabase database = BlogDatabase.open("blog");
    SeedData.insert(database);
    BlogCaches caches = BlogCaches.of(CacheSettings.current());
    BlogReads reads = new BlogReads(database, caches);
    BlogWrites writes = new BlogWrites(database);
    GraphQL graphQl = BlogSchema.build(database, reads, writes);

    if (options.demo()) {
      new NarratedDemo(graphQl, writes, database, caches, System.out, options.markers()).run();
    }
    if (options.demoOnly()) {
      database.close();
      return;
    }
    BlogHttpServer server = BlogHttpServer.start(options.port(), graphQl, caches);
    printHowToTry(server.port());
  }

  private static void printHowToTry(int port) {
    String url = "http://localhost:" + port;
    long pid = ManagementFactory.getRuntimeMXBean().getPid();
    System.out.println();
    System.out.println("Serving " + url + "/graphql (Ctrl-C to stop). Try:");
    System.out.println("  curl -s " + url + "/caches");
    System.out.println("  curl -s " + url + "/graphql -H 'Content-Type: application/json' -d '{\"query\":"
        + "\"{ categories { id name } }\"}'");
    System.out.println("  curl -s " + url + "/graphql -H 'Content-Type: application/json' -d '{\"query\":"
        + "\"mutation { createCategory(input: { name: \\\"Poetry\\\" }) { ok category { id } errors } }\"}'");
    System.out.println("  curl -s " + url + "/caches      # category:all is gone after the commit");
    System.out.println("  java -jar agent/target/cache-invalidation-agent.jar status " + pid
        + "      # the agent's JMX counters");
    System.out.println("  jconsole " + pid + "      # MBeans tab: dev.cacheinvalidation > Agent");
    System.out.println("listening on port " + port);
  }
}
