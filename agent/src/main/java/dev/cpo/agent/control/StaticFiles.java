package dev.cpo.agent.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RouteHandler} serving files from the classpath under one folder, for a prefix route (or an
 * exact one, which serves the index file). The content type comes from the file's extension
 * ({@link MediaTypes#ofFile}); each response carries a strong {@code ETag} (a hash of the content) and
 * {@code Cache-Control: no-cache}, so a browser revalidates and gets 304 while the file is unchanged,
 * and a new jar's files are never served stale. A path with {@code ..}, {@code .}, an empty segment, a
 * backslash or a NUL (also %-encoded) is refused with 400 before any lookup; a folder or a missing
 * file is 404. Files are read once and kept (they are the jar's, they do not change).
 *
 * <pre>{@code
 * routes.get("/", StaticFiles.classpath("dev/cpo/agent/console/"));          // index.html
 * routes.getPrefix("/console/", StaticFiles.classpath("dev/cpo/agent/console/"));
 * }</pre>
 */
public final class StaticFiles implements RouteHandler {

  /** Largest file served; the console's assets are a few kilobytes. */
  static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  private final ClassLoader loader;
  private final String folder;
  private final String index;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(byte[] bytes, String etag, String type) {}

  private StaticFiles(ClassLoader loader, String folder, String index) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.folder = folder.endsWith("/") ? folder : folder + "/";
    this.index = index;
  }

  /**
   * @param folder classpath folder, e.g. {@code dev/cpo/agent/console/} (no leading slash)
   */
  public static StaticFiles classpath(String folder) {
    return new StaticFiles(StaticFiles.class.getClassLoader(), strip(folder), "index.html");
  }

  /** As {@link #classpath(String)}, from the given class loader (tests, plug-ins). */
  public static StaticFiles classpath(ClassLoader loader, String folder) {
    return new StaticFiles(loader, strip(folder), "index.html");
  }

  private static String strip(String folder) {
    return folder.startsWith("/") ? folder.substring(1) : folder;
  }

  @Override
  public Response handle(Request request) {
    // A query (e.g. a cache-busting ?v=2) does not change which file is served.
    String rel = request.remainder();
    if (rel.isEmpty() || rel.endsWith("/")) {
      rel = rel + index;
    }
    String name = safe(rel);
    Entry e = cache.get(name);
    if (e == null) {
      e = load(name);
      cache.putIfAbsent(name, e);
    }
    String inm = request.header("If-None-Match");
    if (inm != null && matches(inm, e.etag)) {
      return Response.empty(304).header("ETag", e.etag).header("Cache-Control", "no-cache");
    }
    return Response.bytes(200, e.type, e.bytes).header("ETag", e.etag).header("Cache-Control", "no-cache")
        .header("X-Content-Type-Options", "nosniff");
  }

  /** The decoded relative path, refused when any segment could leave the folder. */
  static String safe(String rel) {
    StringBuilder out = new StringBuilder();
    for (String raw : rel.split("/", -1)) {
      String seg = Request.decode(raw);
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.indexOf('/') >= 0 || seg.indexOf('\\') >= 0
          || seg.indexOf('\0') >= 0 || seg.indexOf(':') >= 0) {
        throw ApiException.badRequest("invalid-path", "the path '" + rel + "' is not a plain file path");
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(seg);
    }
    return out.toString();
  }

  private Entry load(String name) {
    URL url = loader.getResource(folder + name);
    // A folder resolves too (file: URLs, and jar entries ending in '/'); only files are served.
    boolean file = url != null && "file".equals(url.getProtocol());
    if (url == null || url.getPath().endsWith("/") || (file ? !isRegularFile(url)
        : loader.getResource(folder + name + "/") != null)) {
      throw ApiException.notFound("not-found", "no file " + name);
    }
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException ex) {
      // A folder on the file system opens as a listing or fails; either way not a file.
      throw ApiException.notFound("not-found", "no file " + name);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IllegalStateException("static file " + name + " is larger than " + MAX_FILE_BYTES + " bytes");
    }
    return new Entry(bytes, etag(bytes), MediaTypes.ofFile(name));
  }

  private static boolean isRegularFile(URL url) {
    try {
      return java.nio.file.Files.isRegularFile(java.nio.file.Path.of(url.toURI()));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String t : ifNoneMatch.split(",")) {
      String v = t.trim();
      if (v.equals("*") || v.equals(etag) || v.toLowerCase(Locale.ROOT).equals("w/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
