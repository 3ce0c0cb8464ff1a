package dev.containerwatch.azure.testing;

import dev.containerwatch.azure.LocalHttpRequest;
import java.util.Map;

/** Requests to the HTTP functions, as the tests send them. */
public final class TestHttpRequest {
  private TestHttpRequest() {}

  /** A request to the admission function. */
  public static LocalHttpRequest admission(String body, Map<String, String> query) {
    return new LocalHttpRequest("https://fn.example/api/admission", body, query);
  }

  /** A request to the Docker Hub function, with this token (null: none). */
  public static LocalHttpRequest dockerHub(String body, String token) {
    return new LocalHttpRequest(
        "https://fn.example/api/dockerhub",
        body,
        token == null ? Map.of() : Map.of("token", token));
  }
}
