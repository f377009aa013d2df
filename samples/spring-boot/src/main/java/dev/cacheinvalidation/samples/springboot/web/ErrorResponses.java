package dev.cacheinvalidation.samples.springboot.web;

import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the application's failures to HTTP: a missing row is 404, a failed (rolled back) write is 409. */
@RestControllerAdvice
public class ErrorResponses {
  @ExceptionHandler(NoSuchElementException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  public Map<String, String> notFound(NoSuchElementException e) {
    return Map.of("error", e.getMessage());
  }

  @ExceptionHandler(IllegalStateException.class)
  @ResponseStatus(HttpStatus.CONFLICT)
  public Map<String, String> conflict(IllegalStateException e) {
    return Map.of("error", e.getMessage());
  }
}
