package dev.cpo.agent.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request as a {@link RouteHandler} sees it, with no Netty type: method, decoded path, query
 * parameters, headers (names case-insensitive), body. For a prefix route, {@link #remainder()} is the
 * part of the path after the prefix. A HEAD request reaches the GET handler with {@link #method()}
 * {@code GET}; the server drops the body.
 */
public final class Request {

  /** Deepest JSON nesting a body may have; the API's bodies are flat objects. */
  public static final int MAX_JSON_NESTING = 32;
  /** Longest number a JSON body may hold, in characters. */
  public static final int MAX_JSON_NUMBER_CHARS = 64;
  /** Longest string a JSON body may hold, in characters. */
  public static final int MAX_JSON_STRING_CHARS = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_JSON_NESTING)
          .maxNumberLength(MAX_JSON_NUMBER_CHARS)
          .maxStringLength(MAX_JSON_STRING_CHARS)
          .build())
      .build());

  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final String remainder;

  private Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
      byte[] body, String remainder) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.remainder = remainder;
  }

  /**
   * Parses a request line's target ({@code /api/v1/telemetry?entity=port1}).
   *
   * @param headers header name -> values; names are matched case-insensitively
   * @throws ApiException 400 when the target is not an absolute path or a %-escape is malformed
   */
  public static Request of(String method, String target, Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    if (!target.startsWith("/")) {
      throw ApiException.badRequest("invalid-request", "the request target must be an absolute path");
    }
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    Map<String, String> query = parseQuery(q < 0 ? "" : target.substring(q + 1));
    Map<String, List<String>> h = new LinkedHashMap<>();
    headers.forEach((k, v) -> h.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    return new Request(method.toUpperCase(Locale.ROOT), rawPath, query, h, body == null ? new byte[0] : body, "");
  }

  /** This request as seen by a route whose prefix matched: {@link #remainder()} is what follows it. */
  Request withRemainder(String rest) {
    return new Request(method, path, query, headers, body, rest);
  }

  /**
   * This request addressed to another path, its query, headers and body kept: how a fleet's
   * {@code /api/v1/switches/sw3/faults} reaches switch sw3's own {@code /api/v1/faults} route.
   */
  public Request withPath(String otherPath) {
    if (!otherPath.startsWith("/")) {
      throw new IllegalArgumentException("a request path is absolute, was '" + otherPath + "'");
    }
    return new Request(method, otherPath, query, headers, body, "");
  }

  /** This request with another method (HEAD reaches the GET handler as GET). */
  Request withMethod(String m) {
    return new Request(m, path, query, headers, body, remainder);
  }

  public String method() {
    return method;
  }

  /** The path as sent, without the query, still %-encoded (decode segments with {@link #decode}). */
  public String path() {
    return path;
  }

  /** For a prefix route: the path after the prefix ({@code f1} for {@code /api/v1/faults/f1}); else empty. */
  public String remainder() {
    return remainder;
  }

  /** The query parameters, decoded; a repeated name keeps its last value. */
  public Map<String, String> query() {
    return Collections.unmodifiableMap(query);
  }

  public String query(String name) {
    return query.get(name);
  }

  /**
   * Refuses query parameters the route does not take with 400, so a typo is not silently ignored.
   *
   * @param allowed the names the route takes
   */
  public void allowQuery(String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (String key : query.keySet()) {
      if (!ok.contains(key)) {
        throw ApiException.badRequest("unknown-query", "unknown query parameter '" + key + "'"
            + (allowed.length == 0 ? "; this route takes none" : "; allowed: " + String.join(", ", allowed)));
      }
    }
  }

  /** A true/false query parameter: absent or {@code false} is false; {@code true} or empty is true. */
  public boolean flag(String name) {
    String v = query.get(name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.isEmpty() || v.equals("true")) {
      return true;
    }
    throw ApiException.badRequest("invalid-query", "'" + name + "' must be true or false, was '" + v + "'");
  }

  /** The first value of a header, or null; the name is case-insensitive. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every header, names in lower case. */
  public Map<String, List<String>> headers() {
    return Collections.unmodifiableMap(headers);
  }

  public byte[] body() {
    return body.clone();
  }

  /**
   * Content negotiation (RFC 9110 section 12.5.1): of the media types this route can produce, the one
   * the {@code Accept} header prefers. No Accept header accepts anything, so the first offered wins.
   *
   * @param offered media types in the route's order of preference, e.g. {@code application/openmetrics-text},
   *     {@code text/plain}
   * @return one of {@code offered}, or null when the client accepts none (answer 406)
   */
  public String negotiate(String... offered) {
    return MediaTypes.negotiate(header("Accept"), offered);
  }

  /**
   * The body as JSON, bounded in depth ({@link #MAX_JSON_NESTING}), number length
   * ({@link #MAX_JSON_NUMBER_CHARS}) and string length.
   *
   * @throws ApiException 400 naming what is wrong (empty, malformed, or past a limit)
   */
  public JsonNode json() {
    if (body.length == 0) {
      throw ApiException.badRequest("invalid-json", "the request needs a JSON body");
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("invalid-json", "the request needs a JSON body");
      }
      return node;
    } catch (StreamConstraintsException e) {
      // Jackson's message names its own API; ours names the limit in the client's terms.
      String m = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
      String limit = m.contains("nesting") ? "JSON nested deeper than " + MAX_JSON_NESTING + " levels"
          : m.contains("number") ? "a JSON number longer than " + MAX_JSON_NUMBER_CHARS + " characters"
          : m.contains("string") ? "a JSON string longer than " + MAX_JSON_STRING_CHARS + " characters"
          : "JSON past this API's limits (nesting " + MAX_JSON_NESTING + " levels, numbers "
              + MAX_JSON_NUMBER_CHARS + " characters, strings " + MAX_JSON_STRING_CHARS + " characters)";
      throw ApiException.badRequest("json-too-large", "the body is refused: " + limit);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
      throw ApiException.badRequest("invalid-json", "malformed JSON: " + e.getOriginalMessage() + where);
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("invalid-json", "unreadable JSON body");
    }
  }

  /** Decodes one %-encoded path segment; 400 when an escape is malformed. */
  public static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid-request", "malformed %-escape in '" + segment + "'");
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(k, v);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid-request", "malformed %-escape in the query");
      }
    }
    return out;
  }
}
