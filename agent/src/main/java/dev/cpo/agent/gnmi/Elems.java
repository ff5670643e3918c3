package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.PathElem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run of path elements, each a name with at most one key (every OpenConfig list served here has a
 * single key). Leaves share these: a leaf is a prefix run (a list entry's container) plus a relative run
 * (e.g. {@code output-power/instant}), and its encoded path below its Notification's prefix is the
 * prefix's {@link #entryBytes()} followed by the relative run's {@link #bytes()} (a Path of elems only is
 * its elems' encodings one after another), so no leaf keeps a path of its own. The proto form is built
 * when asked, not kept: a Path with its PathElems and their key maps was some 400 bytes for each of the
 * tree's ~5,600 runs.
 */
final class Elems {

  static final Elems ROOT = new Elems(new String[0], new String[0], new String[0]);

  private final String[] names;
  private final String[] keys;
  private final String[] values;
  // Batch looks each update's list up by its Elems: hashed once, not once per update.
  private final int hash;
  // The split at the last list entry (list(), entryBytes()), made on first use. A record's fields are final,
  // so a thread that sees the reference sees both halves; racing threads just make equal ones.
  private Split split;
  // The encoded Path of this run (elems only), made on first use; immutable, so a race makes equal copies.
  private ByteString bytes;

  private record Split(Elems list, ByteString entry) {}

  // The lists that Notifications are prefixed with, one instance each: every list entry's container
  // (some 1,900 in the tree) would otherwise keep its own copy of /components and its encoding. Few and
  // bounded (one per OpenConfig list served, and per transceiver for its physical channels).
  private static final Map<Elems, Elems> LISTS = new ConcurrentHashMap<>();

  private Elems(String[] names, String[] keys, String[] values) {
    this.names = names;
    this.keys = keys;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  /** Parses a plain path such as {@code state/temperature/instant} or {@code interface[name=port1]/state}. */
  static Elems of(String path) {
    Builder b = new Builder();
    for (String part : split(path)) {
      int open = part.indexOf('[');
      if (open < 0) {
        b.add(part);
      } else {
        int eq = part.indexOf('=', open);
        b.add(part.substring(0, open), part.substring(open + 1, eq), part.substring(eq + 1, part.length() - 1));
      }
    }
    return b.build();
  }

  /** Splits on '/' outside brackets (key values such as {@code els3/laser5} contain slashes). */
  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == '/' && depth == 0) {
        if (cur.length() > 0) {
          out.add(cur.toString());
        }
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  int size() {
    return names.length;
  }

  String name(int i) {
    return names[i];
  }

  /** The key name of element {@code i}, or null when it is not a list entry. */
  String key(int i) {
    return keys[i];
  }

  String value(int i) {
    return values[i];
  }

  /** This run as a gNMI Path (built on each call: the hot paths use {@link #bytes()}). */
  Path proto() {
    Path.Builder b = Path.newBuilder();
    for (int i = 0; i < names.length; i++) {
      PathElem.Builder e = PathElem.newBuilder().setName(names[i]);
      if (keys[i] != null) {
        e.putKey(keys[i], values[i] == null ? "*" : values[i]);
      }
      b.addElem(e);
    }
    return b.build();
  }

  /**
   * {@link #proto()} encoded, kept once made. The encoding of a Path that has only elems is its elems'
   * fields one after another, so {@code a.bytes()} followed by {@code b.bytes()} is {@code a.append(b).bytes()}.
   */
  ByteString bytes() {
    ByteString b = bytes;
    if (b == null) {
      b = proto().toByteString();
      bytes = b;
    }
    return b;
  }

  /**
   * The run up to its last list entry, e.g. {@code /components} for
   * {@code /components/component[name=oe1]/state}: the list that holds the entry, which a Notification
   * uses as its prefix so that one Notification carries the updates of every entry of that list
   * (gNMI 2.4.1). The run itself when it has no list entry.
   */
  Elems list() {
    return split().list();
  }

  /**
   * The rest of the run from its last list entry on, e.g. {@code component[name=oe1]/state}, encoded as a
   * Path ({@link #bytes()}); empty without a list entry.
   */
  ByteString entryBytes() {
    return split().entry();
  }

  private Split split() {
    Split s = split;
    if (s == null) {
      int last = -1;
      for (int i = 0; i < names.length; i++) {
        if (keys[i] != null) {
          last = i;
        }
      }
      s = last < 0 ? new Split(this, ByteString.EMPTY)
          : new Split(LISTS.computeIfAbsent(range(0, last), l -> l), range(last, names.length).bytes());
      split = s;
    }
    return s;
  }

  private Elems range(int from, int to) {
    Builder b = new Builder();
    for (int i = from; i < to; i++) {
      b.add(names[i], keys[i], values[i]);
    }
    return b.build();
  }

  /** This run without its last element (the list entry of a {@code .../state} container). */
  Elems parent() {
    Builder b = new Builder();
    for (int i = 0; i < names.length - 1; i++) {
      b.add(names[i], keys[i], values[i]);
    }
    return b.build();
  }

  Elems append(Elems rel) {
    Builder b = new Builder();
    b.addAll(this);
    b.addAll(rel);
    return b.build();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      sb.append('/').append(names[i]);
      if (keys[i] != null) {
        sb.append('[').append(keys[i]).append('=').append(values[i]).append(']');
      }
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Elems e && hash == e.hash && Arrays.equals(names, e.names) && Arrays.equals(keys, e.keys)
        && Arrays.equals(values, e.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    Builder add(String name) {
      return add(name, null, null);
    }

    Builder add(String name, String key, String value) {
      names.add(name);
      keys.add(key);
      values.add(value);
      return this;
    }

    Builder addAll(Elems e) {
      for (int i = 0; i < e.size(); i++) {
        add(e.names[i], e.keys[i], e.values[i]);
      }
      return this;
    }

    Elems build() {
      return new Elems(names.toArray(new String[0]), keys.toArray(new String[0]), values.toArray(new String[0]));
    }
  }
}
