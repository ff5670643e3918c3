package dev.cpo.agent.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the known names nearest to a misspelt one, by edit distance. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The names from {@code known} nearest to {@code name} (up to {@code max}, all at the same smallest
   * distance) when close enough to be a typo: within a third of its length in edits (at least 2), or
   * one a prefix of the other.
   */
  public static List<String> closest(String name, Collection<String> known, int max) {
    String n = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, n.length() / 3);
    record Scored(String name, int distance) {}
    List<Scored> out = new ArrayList<>();
    for (String k : known) {
      String lk = k.toLowerCase(Locale.ROOT);
      int d = distance(n, lk);
      if (d <= limit || (n.length() >= 4 && (lk.startsWith(n) || n.startsWith(lk)))) {
        out.add(new Scored(k, d));
      }
    }
    out.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    int best = out.isEmpty() ? 0 : out.get(0).distance();
    return out.stream().filter(x -> x.distance() == best).limit(max).map(Scored::name).toList();
  }

  /** " (did you mean 'a' or 'b'?)", or empty when nothing is close. */
  public static String didYouMean(String name, Collection<String> known) {
    List<String> c = closest(name, known, 3);
    if (c.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (did you mean ");
    for (int i = 0; i < c.size(); i++) {
      if (i > 0) {
        sb.append(i == c.size() - 1 ? " or " : ", ");
      }
      sb.append('\'').append(c.get(i)).append('\'');
    }
    return sb.append("?)").toString();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
