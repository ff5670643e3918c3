package dev.cpo.agent.control;

import java.util.Locale;

/** Content types by file name, and Accept-header negotiation (RFC 9110 section 12.5.1). */
public final class MediaTypes {

  private MediaTypes() {}

  /** The content type of a static file by its extension; {@code application/octet-stream} when unknown. */
  public static String ofFile(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "html", "htm" -> "text/html; charset=utf-8";
      case "js", "mjs" -> "text/javascript; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "json", "map" -> "application/json; charset=utf-8";
      case "txt" -> "text/plain; charset=utf-8";
      case "svg" -> "image/svg+xml";
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "gif" -> "image/gif";
      case "ico" -> "image/x-icon";
      case "webp" -> "image/webp";
      case "woff" -> "font/woff";
      case "woff2" -> "font/woff2";
      case "wasm" -> "application/wasm";
      default -> "application/octet-stream";
    };
  }

  /**
   * Of {@code offered}, the type {@code accept} prefers: each offered type gets the quality of the most
   * specific range that matches it ({@code type/sub} over {@code type/*} over {@code *}{@code /*});
   * the highest quality above 0 wins, ties going to the earlier offered. Parameters other than
   * {@code q} are not compared (the handler reads them, e.g. an OpenMetrics version).
   *
   * @param accept the Accept header, or null (accepts anything)
   * @return one of {@code offered}, or null when none is acceptable
   */
  public static String negotiate(String accept, String... offered) {
    if (offered.length == 0) {
      return null;
    }
    if (accept == null || accept.isBlank()) {
      return offered[0];
    }
    String best = null;
    double bestQ = 0;
    for (String o : offered) {
      double q = quality(accept, base(o));
      if (q > bestQ) {
        best = o;
        bestQ = q;
      }
    }
    return best;
  }

  private static double quality(String accept, String type) {
    int slash = type.indexOf('/');
    String major = slash < 0 ? type : type.substring(0, slash);
    int bestSpecificity = -1;
    double q = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String r = parts[0].trim().toLowerCase(Locale.ROOT);
      int specificity;
      if (r.equals(type)) {
        specificity = 2;
      } else if (r.equals(major + "/*")) {
        specificity = 1;
      } else if (r.equals("*/*") || r.equals("*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        q = qOf(parts);
      }
    }
    return q;
  }

  private static double qOf(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).trim());
          return q < 0 || q > 1 || Double.isNaN(q) ? 0 : q;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /** {@code Text/Plain; version=0.0.4} -> {@code text/plain}. */
  static String base(String type) {
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
