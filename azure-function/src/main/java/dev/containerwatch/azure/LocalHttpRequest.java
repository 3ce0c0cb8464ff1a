package dev.containerwatch.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP trigger request built from plain values, as the Functions host hands one over, with its
 * response builder: how the HTTP functions run outside the host ({@code cli replay}, tests).
 *
 * <pre>{@code
 * var request = new LocalHttpRequest("https://fn.example/api/admission", body, Map.of());
 * HttpOutcome outcome = new AdmissionFunction(apps).handle(request, context);
 * }</pre>
 */
public final class LocalHttpRequest implements HttpRequestMessage<Optional<String>> {
  private final URI uri;
  private final String body;
  private final Map<String, String> query;
  private final Map<String, String> headers = new HashMap<>();

  public LocalHttpRequest(String uri, String body, Map<String, String> query) {
    this.uri = URI.create(uri);
    this.body = body;
    this.query = query;
    headers.put("content-type", "application/json");
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public HttpMethod getHttpMethod() {
    return HttpMethod.POST;
  }

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, String> getQueryParameters() {
    return query;
  }

  @Override
  public Optional<String> getBody() {
    return Optional.ofNullable(body);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new Response(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new Response(status);
  }

  /** The response and its builder. */
  public static final class Response implements HttpResponseMessage, HttpResponseMessage.Builder {
    private HttpStatusType status;
    private final Map<String, String> headers = new HashMap<>();
    private Object body;

    Response(HttpStatusType status) {
      this.status = status;
    }

    @Override
    public HttpResponseMessage.Builder status(HttpStatusType s) {
      this.status = s;
      return this;
    }

    @Override
    public HttpResponseMessage.Builder header(String key, String value) {
      headers.put(key, value);
      return this;
    }

    @Override
    public HttpResponseMessage.Builder body(Object b) {
      this.body = b;
      return this;
    }

    @Override
    public HttpResponseMessage build() {
      return this;
    }

    @Override
    public HttpStatusType getStatus() {
      return status;
    }

    @Override
    public String getHeader(String key) {
      return headers.get(key);
    }

    @Override
    public Object getBody() {
      return body;
    }
  }
}
