package dev.cpo.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link RouteHandler} answers: a status, a content type and a body (JSON, text or bytes), extra
 * headers, or an open {@link EventStream} (server-sent events). Immutable; {@link #header} returns a copy.
 * The server adds Content-Length, Connection, and for HEAD drops the body.
 */
public final class Response {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final Map<String, String> headers;
  private final EventStream events;
  private final String lastEventId;
  private final BodyWriter writer;

  /**
   * Writes a body straight into the connection's (pooled, off-heap) buffer, for large answers that would
   * otherwise be built on the heap and copied, e.g. {@code /metrics}.
   */
  @FunctionalInterface
  public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  private Response(int status, String contentType, byte[] body, Map<String, String> headers, EventStream events,
      String lastEventId) {
    this(status, contentType, body, headers, events, lastEventId, null);
  }

  private Response(int status, String contentType, byte[] body, Map<String, String> headers, EventStream events,
      String lastEventId, BodyWriter writer) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
    }
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = headers;
    this.events = events;
    this.lastEventId = lastEventId;
    this.writer = writer;
  }

  /** 200 with a JSON body. */
  public static Response ok(JsonNode body) {
    return json(200, body);
  }

  /** A JSON body, pretty-printed, {@code application/json; charset=utf-8}. */
  public static Response json(int status, JsonNode body) {
    Objects.requireNonNull(body, "body");
    byte[] bytes;
    try {
      bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; reaching here is a bug worth a loud failure.
      throw new IllegalStateException("cannot serialise response", e);
    }
    return new Response(status, "application/json; charset=utf-8", bytes, Map.of(), null, null);
  }

  /** The API's error shape: {@code {"error": code, "detail": one sentence}}. */
  public static Response error(int status, String error, String detail) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("error", error);
    o.put("detail", detail);
    return json(status, o);
  }

  /**
   * Text in UTF-8.
   *
   * @param contentType e.g. {@code text/plain; version=0.0.4; charset=utf-8}; a charset is added when
   *     the type names none
   */
  public static Response text(int status, String contentType, String text) {
    String type = contentType.toLowerCase(java.util.Locale.ROOT).contains("charset=") ? contentType
        : contentType + "; charset=utf-8";
    return new Response(status, type, text.getBytes(StandardCharsets.UTF_8), Map.of(), null, null);
  }

  /** Any bytes with the given content type. */
  public static Response bytes(int status, String contentType, byte[] body) {
    Objects.requireNonNull(contentType, "contentType");
    return new Response(status, contentType, body.clone(), Map.of(), null, null);
  }

  /**
   * A body the server has {@code writer} write when it sends the response; a failure there becomes a 500.
   *
   * @param contentType e.g. {@code application/openmetrics-text; version=1.0.0; charset=utf-8}
   */
  public static Response written(int status, String contentType, BodyWriter writer) {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(writer, "writer");
    return new Response(status, contentType, new byte[0], Map.of(), null, null, writer);
  }

  /** A status with no body (e.g. 204, 304). */
  public static Response empty(int status) {
    return new Response(status, null, new byte[0], Map.of(), null, null);
  }

  /**
   * Keeps the connection open as a {@code text/event-stream} and sends it every event {@code stream}
   * publishes from now on, after those it still holds past {@code lastEventId}.
   *
   * @param lastEventId the client's {@code Last-Event-ID} header (an EventSource sends it when it
   *     reconnects), or null
   */
  public static Response events(EventStream stream, String lastEventId) {
    Objects.requireNonNull(stream, "stream");
    return new Response(200, "text/event-stream; charset=utf-8", new byte[0], Map.of(), stream, lastEventId);
  }

  /** A copy with one more header (replacing one of the same name). */
  public Response header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Response(status, contentType, body, Collections.unmodifiableMap(h), events, lastEventId, writer);
  }

  public int status() {
    return status;
  }

  /** The content type, or null for a response without a body. */
  public String contentType() {
    return contentType;
  }

  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text (for tests and logs). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Headers the handler added. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The event stream to attach, or null for an ordinary response. */
  public EventStream events() {
    return events;
  }

  /** The writer of a {@link #written} body, or null. */
  BodyWriter writer() {
    return writer;
  }

  String lastEventId() {
    return lastEventId;
  }

  int length() {
    return body.length;
  }

  byte[] rawBody() {
    return body;
  }
}
