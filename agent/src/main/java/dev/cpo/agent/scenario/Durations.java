package dev.cpo.agent.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as lab testers write them: {@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 3d}, or ISO-8601 ({@code PT90S}, {@code P3D}). */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** @throws IllegalArgumentException naming the text and the accepted forms */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      double unitMillis = switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        case "h" -> 3_600_000;
        default -> 86_400_000;
      };
      return Duration.ofMillis(Math.round(n * unitMillis));
    }
    if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
        if (!d.isNegative()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // Falls through to the message below, which lists the accepted forms.
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 500ms, 90s, 15m, 2h, 3d or ISO-8601 PT90S");
  }

  /** Short form for output: {@code 90s}, {@code 2h}, {@code 1d 2h}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long days = s / 86_400;
    long hours = s % 86_400 / 3_600;
    long minutes = s % 3_600 / 60;
    long seconds = s % 60;
    append(sb, days, "d");
    append(sb, hours, "h");
    append(sb, minutes, "m");
    append(sb, seconds, "s");
    return sb.toString();
  }

  private static void append(StringBuilder sb, long n, String unit) {
    if (n != 0) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(n).append(unit);
    }
  }
}
