package dev.cpo.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client of the control API, for the {@code fault} and {@code scenario} commands. */
public final class ControlClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final String token;

  /** The server refused a request, or could not be reached; the message says which and why. */
  public static final class Failure extends Exception {
    private final int status;

    Failure(String message) {
      this(message, 0);
    }

    Failure(String message, int status) {
      super(message);
      this.status = status;
    }

    /** The HTTP status of the refusal, 0 when the server gave none (unreachable, not JSON). */
    public int status() {
      return status;
    }
  }

  /**
   * @param url base URL, e.g. {@code http://127.0.0.1:8161}
   * @param token bearer token, or null/empty for none
   */
  public ControlClient(String url, String token) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token == null ? "" : token;
  }

  public JsonNode get(String path) throws Failure {
    return send("GET", path, null);
  }

  public JsonNode post(String path, JsonNode body) throws Failure {
    return send("POST", path, body);
  }

  public JsonNode delete(String path) throws Failure {
    return send("DELETE", path, null);
  }

  public static String segment(String s) {
    return dev.cpo.agent.scenario.RouteApi.segment(s);
  }

  private JsonNode send(String method, String path, JsonNode body) throws Failure {
    URI uri;
    try {
      uri = URI.create(url + path);
    } catch (IllegalArgumentException e) {
      throw new Failure("bad --url '" + url + "': " + e.getMessage());
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    try {
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise request", e);
    }
    if (!method.equals("GET")) {
      // The server refuses a POST or DELETE without it (a web page's form cannot send it).
      b.header("Content-Type", "application/json");
    }
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> res;
    try {
      res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Failure("cannot reach the control API at " + url + " (is the agent running? see --url)");
    } catch (IOException e) {
      throw new Failure("request to " + url + path + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    }
    JsonNode json;
    try {
      json = JSON.readTree(res.body());
    } catch (JsonProcessingException e) {
      throw new Failure(method + " " + path + " -> HTTP " + res.statusCode() + " with a body that is not JSON");
    }
    if (res.statusCode() >= 400) {
      throw new Failure(method + " " + path + " -> HTTP " + res.statusCode() + " " + json.path("error").asText()
          + ": " + json.path("detail").asText(), res.statusCode());
    }
    return json;
  }
}
