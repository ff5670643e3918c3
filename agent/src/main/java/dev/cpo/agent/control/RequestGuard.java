package dev.cpo.agent.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every request must pass before any route sees it, so a web page in the operator's browser cannot
 * drive the API (CSRF) and a foreign name resolving to loopback cannot reach it (DNS rebinding):
 * <ol>
 *   <li>Host names this server: a loopback name or address when bound to loopback, the bind address
 *       otherwise, or one of {@code control.allowedHosts}; else 403 (HTTP/1.1 without Host: 400);</li>
 *   <li>an Origin header, when sent, is this server's own origin (the console it serves still works);
 *       else 403;</li>
 *   <li>with {@code control.token} set, {@code Authorization: Bearer <token>} (the scheme in any case,
 *       RFC 9110 section 11.1), compared in constant time; else 401;</li>
 *   <li>POST, PUT, PATCH and DELETE carry {@code Content-Type: application/json}, which a plain HTML
 *       form cannot send and a cross-origin script cannot send without a preflight; else 415.</li>
 * </ol>
 * No Netty type, so it is tested plainly.
 */
final class RequestGuard {

  private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final boolean loopback;
  private final String bind;
  private final List<String> allowedHosts;
  private final byte[] tokenHash;

  RequestGuard(ControlConfig config) {
    this.loopback = config.loopback();
    this.bind = hostOnly(config.bind());
    this.allowedHosts = config.allowedHosts().stream().map(RequestGuard::hostOnly).toList();
    this.tokenHash = config.token().isEmpty() ? null : sha256(config.token());
  }

  /**
   * @param http10 whether the request said HTTP/1.0 (which may omit Host)
   * @return null when the request may proceed, else the refusal
   */
  Response check(Request r, boolean http10) {
    String host = r.header("Host");
    if (host == null || host.isBlank()) {
      if (!http10) {
        return Response.error(400, "invalid-request", "an HTTP/1.1 request needs a Host header");
      }
    } else if (!hostAllowed(hostOnly(host))) {
      return Response.error(403, "host-not-allowed", "Host '" + host + "' is not a name of this server; it answers to "
          + (loopback ? "localhost, 127.0.0.1 and [::1]" : bind) + (allowedHosts.isEmpty() ? "" : " and "
          + String.join(", ", allowedHosts)) + " (control.allowedHosts adds names)");
    }
    String origin = r.header("Origin");
    if (origin != null && !sameOrigin(origin, host)) {
      return Response.error(403, "origin-not-allowed", "requests from the web origin '" + origin
          + "' are refused; only pages this server serves may call it");
    }
    if (tokenHash != null && !authorized(r.header("Authorization"))) {
      return Response.error(401, "unauthorized", "this API needs the header 'Authorization: Bearer <control.token>'")
          .header("WWW-Authenticate", "Bearer realm=\"cpo-agent\"");
    }
    if (UNSAFE.contains(r.method())) {
      String type = r.header("Content-Type");
      if (type == null || !MediaTypes.base(type).equals("application/json")) {
        return Response.error(415, "unsupported-media-type", r.method() + " needs the header 'Content-Type: "
            + "application/json'" + (type == null ? "" : ", was '" + type + "'")
            + " (curl: -H 'Content-Type: application/json')")
            .header("Accept-Post", "application/json");
      }
    }
    return null;
  }

  private boolean hostAllowed(String h) {
    if (allowedHosts.contains(h)) {
      return true;
    }
    if (loopback) {
      return h.equals("localhost") || h.equals("[::1]") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
    return allowedHosts.isEmpty() || h.equals(bind);
  }

  /** Whether the Origin header names the origin of the Host this request was sent to. */
  static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    URI u;
    try {
      u = new URI(origin.trim());
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null || u.getRawPath() != null
        && !u.getRawPath().isEmpty()) {
      return false;
    }
    int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
    String originHost = u.getHost().toLowerCase(Locale.ROOT);
    String h = host.trim().toLowerCase(Locale.ROOT);
    int hostPort = 80;
    String hostName = h;
    int colon = h.lastIndexOf(':');
    if (colon > h.lastIndexOf(']')) {
      hostName = h.substring(0, colon);
      try {
        hostPort = Integer.parseInt(h.substring(colon + 1));
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return originHost.equals(hostName) && port == hostPort;
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    String h = header.trim();
    int space = h.indexOf(' ');
    if (space < 0 || !h.substring(0, space).equalsIgnoreCase("Bearer")) {
      return false;
    }
    // Both sides hashed to one length, so the time taken says nothing of the token, not even its length.
    return MessageDigest.isEqual(tokenHash, sha256(h.substring(space + 1).trim()));
  }

  /** {@code Example.COM:8161} -> {@code example.com}; {@code [::1]:8161} -> {@code [::1]}; a bare IPv6 gets brackets. */
  static String hostOnly(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int first = h.indexOf(':');
    if (first >= 0 && first != h.lastIndexOf(':')) {
      return "[" + h + "]"; // a bare IPv6 address (a bind value)
    }
    String name = first < 0 ? h : h.substring(0, first);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
