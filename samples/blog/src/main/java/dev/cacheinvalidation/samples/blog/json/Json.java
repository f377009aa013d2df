package dev.cacheinvalidation.samples.blog.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.Map;

/** The application's JSON (Gson): HTTP bodies and serialized cache values. Thread-safe. */
public final class Json {
  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

  private Json() {}

  public static String write(Object value) {
    return GSON.toJson(value);
  }

  public static <T> T read(String json, Class<T> type) {
    return GSON.fromJson(json, type);
  }

  public static <T> T read(String json, Type type) {
    return GSON.fromJson(json, type);
  }

  /** Reads a JSON object; null for an empty or {@code null} document. */
  public static Map<String, Object> readObject(String json) {
    return GSON.fromJson(json, MAP);
  }
}
