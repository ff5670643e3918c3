package dev.cpo.agent.gnmi;

import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.PathElem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A requested path (prefix + path, gNMI path conventions): element names may be {@code *} (one level)
 * or {@code ...} (any number of levels), key values may be {@code *}, a list element without keys means
 * every entry, and a path that stops at a container means everything under it.
 */
final class PathPattern {

  /** The origin of the OpenConfig tree; an empty origin means the same. */
  static final String OPENCONFIG = "openconfig";
  /** Our own small tree: threshold levels, the one thing Set changes. */
  static final String CPO = "cpo";

  private final String origin;
  private final String[] names;
  private final List<Map<String, String>> keys;

  private PathPattern(String origin, String[] names, List<Map<String, String>> keys) {
    this.origin = origin;
    this.names = names;
    this.keys = keys;
  }

  /**
   * The path {@code prefix + path}.
   *
   * @throws IllegalArgumentException when the origins disagree or the path uses the deprecated string elements
   */
  static PathPattern of(Path prefix, Path path) {
    if (prefix.getElementCount() > 0 || path.getElementCount() > 0) {
      throw new IllegalArgumentException("path " + text(prefix, path)
          + " uses the deprecated 'element' strings; send PathElem 'elem' entries (gNMI path conventions)");
    }
    String o1 = prefix.getOrigin();
    String o2 = path.getOrigin();
    if (!o1.isEmpty() && !o2.isEmpty() && !o1.equals(o2)) {
      throw new IllegalArgumentException("path " + text(prefix, path) + " has origin '" + o2
          + "' under a prefix with origin '" + o1 + "'");
    }
    String origin = o1.isEmpty() ? o2 : o1;
    if (origin.isEmpty()) {
      origin = OPENCONFIG;
    }
    List<String> names = new ArrayList<>();
    List<Map<String, String>> keys = new ArrayList<>();
    for (Path p : new Path[] {prefix, path}) {
      for (PathElem e : p.getElemList()) {
        names.add(e.getName());
        keys.add(e.getKeyMap());
      }
    }
    return new PathPattern(origin, names.toArray(new String[0]), keys);
  }

  /** The gNMI string form of {@code prefix + path}, for messages. */
  static String text(Path prefix, Path path) {
    StringBuilder sb = new StringBuilder();
    String origin = prefix.getOrigin().isEmpty() ? path.getOrigin() : prefix.getOrigin();
    if (!origin.isEmpty() && !origin.equals(OPENCONFIG)) {
      sb.append(origin).append(':');
    }
    for (Path p : new Path[] {prefix, path}) {
      for (String s : p.getElementList()) {
        sb.append('/').append(s);
      }
      for (PathElem e : p.getElemList()) {
        sb.append('/').append(e.getName());
        new TreeMap<>(e.getKeyMap()).forEach((k, v) -> sb.append('[').append(k).append('=').append(v).append(']'));
      }
    }
    return sb.length() == 0 || sb.charAt(sb.length() - 1) == ':' ? sb.append('/').toString() : sb.toString();
  }

  String origin() {
    return origin;
  }

  boolean openconfig() {
    return origin.equals(OPENCONFIG);
  }

  int size() {
    return names.length;
  }

  /** Whether every element is a plain name with exactly its keys given (no wildcard). */
  boolean exact() {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals("*") || names[i].equals("...") || keys.get(i).containsValue("*")) {
        return false;
      }
    }
    return true;
  }

  /** Whether the leaf at {@code prefix + rel} lies at or under this pattern. A null key value in the leaf matches any. */
  boolean matches(Elems prefix, Elems rel) {
    return match(0, prefix, rel, 0);
  }

  private boolean match(int pi, Elems prefix, Elems rel, int si) {
    if (pi == names.length) {
      return true;
    }
    int n = prefix.size() + rel.size();
    if (names[pi].equals("...")) {
      return match(pi + 1, prefix, rel, si) || (si < n && match(pi, prefix, rel, si + 1));
    }
    if (si == n) {
      return false;
    }
    Elems e = si < prefix.size() ? prefix : rel;
    int i = si < prefix.size() ? si : si - prefix.size();
    if (!names[pi].equals("*") && !names[pi].equals(e.name(i))) {
      return false;
    }
    Map<String, String> k = keys.get(pi);
    if (!k.isEmpty()) {
      if (e.key(i) == null || k.size() != 1) {
        return false;
      }
      String want = k.get(e.key(i));
      if (want == null || (!want.equals("*") && e.value(i) != null && !want.equals(e.value(i)))) {
        return false;
      }
    }
    return match(pi + 1, prefix, rel, si + 1);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(openconfig() ? "" : origin + ":");
    for (int i = 0; i < names.length; i++) {
      sb.append('/').append(names[i]);
      new TreeMap<>(keys.get(i)).forEach((k, v) -> sb.append('[').append(k).append('=').append(v).append(']'));
    }
    return names.length == 0 ? sb.append('/').toString() : sb.toString();
  }
}
