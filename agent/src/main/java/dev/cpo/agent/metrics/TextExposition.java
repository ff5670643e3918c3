package dev.cpo.agent.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the Prometheus Java client's snapshots in OpenMetrics 1.0 text or the Prometheus text format 0.0.4, the
 * same bytes as the client's own writers ({@code OpenMetricsTextFormatWriter}, {@code PrometheusTextFormatWriter}),
 * straight into the response as UTF-8 with one small buffer per scrape.
 *
 * <p>Why not the client's writers: they format every sample value with {@code Double.toString}, which on JDK 17
 * allocates a new string for each and, for most values below 1e-3 (bit error ratios), about a kilobyte of
 * {@code FDBigInteger} arithmetic besides: 80 % of a scrape's allocation on the default switch. Here a value goes
 * through one reused {@link StringBuilder} ({@code StringBuilder.append(double)}, which the JLS defines as the
 * characters of {@code Double.toString}), so the digits are the same, and the rest of the line is copied from the
 * snapshots' own strings.
 *
 * <p>It covers what {@link SwitchCollector} produces: gauges, counters, info and state sets whose metric and label
 * names are legacy-valid ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}), with no exemplar, scrape or created timestamp.
 * {@link #covers} says whether a scrape is within that; the endpoint hands any other scrape to the client's writer,
 * so the output never depends on which writer ran. {@code TextExpositionTest} checks the bytes against the client's
 * writers.
 */
final class TextExposition {

  /** The two text formats. */
  enum Format {
    /** {@code application/openmetrics-text; version=1.0.0}. */
    OPENMETRICS,
    /** {@code text/plain; version=0.0.4}. */
    PROMETHEUS
  }

  private static final int BUFFER = 8192;

  private TextExposition() {}

  /** Whether every snapshot is of a kind this writer renders exactly as the client's writers do. */
  static boolean covers(MetricSnapshots snapshots) {
    String previous = null;
    for (MetricSnapshot s : snapshots) {
      MetricMetadata m = s.getMetadata();
      String name = m.getName();
      // The client merges snapshots of one name; the registry keeps them sorted, so a repeat is adjacent.
      if (name.equals(previous) || !isLegacyMetricName(name) || !name.equals(m.getPrometheusName())
          || !name.equals(m.getExpositionBaseName()) || !coveredKind(s)) {
        return false;
      }
      previous = name;
      for (DataPointSnapshot p : s.getDataPoints()) {
        if (p.hasScrapeTimestamp() || p.hasCreatedTimestamp() || !legacyLabelNames(p.getLabels())
            || (p instanceof GaugeDataPointSnapshot g && g.getExemplar() != null)
            || (p instanceof CounterDataPointSnapshot c && c.getExemplar() != null)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean coveredKind(MetricSnapshot s) {
    return s instanceof GaugeSnapshot || s instanceof CounterSnapshot || s instanceof InfoSnapshot
        || s instanceof StateSetSnapshot;
  }

  /**
   * Writes {@code snapshots} (which {@link #covers} must accept) to {@code out} and flushes it, as the client's
   * writers do; the stream stays open.
   */
  static void write(OutputStream out, MetricSnapshots snapshots, Format format) throws IOException {
    Sink sink = new Sink(out);
    boolean om = format == Format.OPENMETRICS;
    for (MetricSnapshot s : snapshots) {
      if (s.getDataPoints().isEmpty()) {
        continue;
      }
      MetricMetadata m = s.getMetadata();
      String name = m.getName();
      if (s instanceof CounterSnapshot c) {
        metadata(sink, m, "counter", "_total", om);
        for (CounterDataPointSnapshot p : c.getDataPoints()) {
          sample(sink, name, "_total", p.getLabels());
          sink.number(p.getValue());
          sink.newline();
        }
      } else if (s instanceof GaugeSnapshot g) {
        metadata(sink, m, "gauge", "", om);
        for (GaugeDataPointSnapshot p : g.getDataPoints()) {
          sample(sink, name, "", p.getLabels());
          sink.number(p.getValue());
          sink.newline();
        }
      } else if (s instanceof InfoSnapshot i) {
        metadata(sink, m, om ? "info" : "gauge", "_info", om);
        for (InfoDataPointSnapshot p : i.getDataPoints()) {
          sample(sink, name, "_info", p.getLabels());
          sink.ascii("1");
          sink.newline();
        }
      } else if (s instanceof StateSetSnapshot set) {
        metadata(sink, m, om ? "stateset" : "gauge", "", om);
        for (StateSetDataPointSnapshot p : set.getDataPoints()) {
          stateSet(sink, name, p);
        }
      } else {
        throw new IllegalArgumentException("not a snapshot this writer covers: " + s.getClass().getName());
      }
    }
    if (om) {
      sink.ascii("# EOF\n");
    }
    sink.flush();
  }

  /**
   * OpenMetrics: {@code # TYPE}, {@code # UNIT} when there is a unit, {@code # HELP} when there is help, under the
   * family name. Prometheus text: {@code # HELP} then {@code # TYPE}, under the sample name ({@code _total},
   * {@code _info}), and no unit line; its help escapes only backslash and newline.
   */
  private static void metadata(Sink sink, MetricMetadata m, String type, String suffix, boolean om)
      throws IOException {
    String help = m.getHelp();
    boolean hasHelp = help != null && !help.isEmpty();
    if (om) {
      sink.ascii("# TYPE ");
      sink.text(m.getName());
      sink.ascii(" ");
      sink.ascii(type);
      sink.newline();
      if (m.getUnit() != null) {
        sink.ascii("# UNIT ");
        sink.text(m.getName());
        sink.ascii(" ");
        sink.escaped(m.getUnit().toString(), true);
        sink.newline();
      }
      if (hasHelp) {
        sink.ascii("# HELP ");
        sink.text(m.getName());
        sink.ascii(" ");
        sink.escaped(help, true);
        sink.newline();
      }
    } else {
      if (hasHelp) {
        sink.ascii("# HELP ");
        sink.text(m.getName());
        sink.ascii(suffix);
        sink.ascii(" ");
        sink.escaped(help, false);
        sink.newline();
      }
      sink.ascii("# TYPE ");
      sink.text(m.getName());
      sink.ascii(suffix);
      sink.ascii(" ");
      sink.ascii(type);
      sink.newline();
    }
  }

  /** {@code name{a="1",b="2"} } up to the value. */
  private static void sample(Sink sink, String name, String suffix, Labels labels) throws IOException {
    sink.text(name);
    sink.ascii(suffix);
    if (!labels.isEmpty()) {
      sink.ascii("{");
      labels(sink, labels);
      sink.ascii("}");
    }
    sink.ascii(" ");
  }

  private static void labels(Sink sink, Labels labels) throws IOException {
    for (int i = 0, n = labels.size(); i < n; i++) {
      if (i > 0) {
        sink.ascii(",");
      }
      sink.text(labels.getName(i));
      sink.ascii("=\"");
      sink.escaped(labels.getValue(i), true);
      sink.ascii("\"");
    }
  }

  /** One sample per state, the state as a label named after the family: 1 for the state it is in, else 0. */
  private static void stateSet(Sink sink, String name, StateSetDataPointSnapshot p) throws IOException {
    Labels labels = p.getLabels();
    for (int i = 0, n = p.size(); i < n; i++) {
      sink.text(name);
      sink.ascii("{");
      labels(sink, labels);
      if (!labels.isEmpty()) {
        sink.ascii(",");
      }
      sink.text(name);
      sink.ascii("=\"");
      sink.escaped(p.getName(i), true);
      sink.ascii("\"} ");
      sink.ascii(p.isTrue(i) ? "1" : "0");
      sink.newline();
    }
  }

  private static boolean isLegacyMetricName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || i > 0 && c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean legacyLabelNames(Labels labels) {
    for (int i = 0, n = labels.size(); i < n; i++) {
      String l = labels.getName(i);
      if (l.isEmpty() || !l.equals(labels.getPrometheusName(i))) {
        return false;
      }
      for (int j = 0; j < l.length(); j++) {
        char c = l.charAt(j);
        boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > 0 && c >= '0' && c <= '9';
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  /** UTF-8 into a fixed buffer, flushed to the stream when full. */
  private static final class Sink {
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private final StringBuilder digits = new StringBuilder(32);
    private int n;

    Sink(OutputStream out) {
      this.out = out;
    }

    void newline() throws IOException {
      put('\n');
    }

    /** A string known to be ASCII (the writer's own constants). */
    void ascii(String s) throws IOException {
      for (int i = 0, len = s.length(); i < len; i++) {
        put(s.charAt(i));
      }
    }

    /** A string as it is, in UTF-8. */
    void text(String s) throws IOException {
      for (int i = 0, len = s.length(); i < len; i++) {
        i = encode(s, i);
      }
    }

    /**
     * A string with backslash and newline escaped, and double quotes too if {@code quotes} (label values and
     * OpenMetrics help; Prometheus text help leaves them).
     */
    void escaped(String s, boolean quotes) throws IOException {
      for (int i = 0, len = s.length(); i < len; i++) {
        char c = s.charAt(i);
        if (c == '\\') {
          put('\\');
          put('\\');
        } else if (c == '\n') {
          put('\\');
          put('n');
        } else if (c == '"' && quotes) {
          put('\\');
          put('"');
        } else {
          i = encode(s, i);
        }
      }
    }

    /** A sample value as the client writes it: {@code +Inf}, {@code -Inf}, else {@code Double.toString}'s digits. */
    void number(double d) throws IOException {
      if (d == Double.POSITIVE_INFINITY) {
        ascii("+Inf");
      } else if (d == Double.NEGATIVE_INFINITY) {
        ascii("-Inf");
      } else {
        digits.setLength(0);
        digits.append(d);
        for (int i = 0, len = digits.length(); i < len; i++) {
          put(digits.charAt(i));
        }
      }
    }

    /**
     * Encodes the character at {@code i} (with the next one if they are a surrogate pair) and returns the index of
     * the last character used. A lone surrogate becomes {@code ?}, as the JDK's UTF-8 encoder writes it.
     */
    private int encode(String s, int i) throws IOException {
      char c = s.charAt(i);
      if (c < 0x80) {
        put(c);
      } else if (c < 0x800) {
        put(0xC0 | c >> 6);
        put(0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(i + 1));
        put(0xF0 | cp >> 18);
        put(0x80 | cp >> 12 & 0x3F);
        put(0x80 | cp >> 6 & 0x3F);
        put(0x80 | cp & 0x3F);
        return i + 1;
      } else if (Character.isSurrogate(c)) {
        put('?');
      } else {
        put(0xE0 | c >> 12);
        put(0x80 | c >> 6 & 0x3F);
        put(0x80 | c & 0x3F);
      }
      return i;
    }

    private void put(int b) throws IOException {
      if (n == buf.length) {
        out.write(buf, 0, n);
        n = 0;
      }
      buf[n++] = (byte) b;
    }

    void flush() throws IOException {
      if (n > 0) {
        out.write(buf, 0, n);
        n = 0;
      }
      out.flush();
    }
  }
}
