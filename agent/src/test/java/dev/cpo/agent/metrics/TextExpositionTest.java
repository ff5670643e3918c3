package dev.cpo.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.SimRig;
import dev.cpo.hal.fault.FaultCatalog;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
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
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our text writer gives the bytes of the Prometheus Java client's own writers (OpenMetrics 1.0 and the Prometheus
 * text format 0.0.4), on the switch's real scrapes and on the corners of both formats: escaping, UTF-8, special and
 * tiny values. Where it does not cover a scrape, the endpoint's output is still the client's.
 */
class TextExpositionTest {

  private static final ExpositionFormats CLIENT = ExpositionFormats.init();

  @TempDir Path dir;

  private static byte[] client(MetricSnapshots snapshots, TextExposition.Format format) throws IOException {
    ExpositionFormatWriter w = format == TextExposition.Format.OPENMETRICS ? CLIENT.getOpenMetricsTextFormatWriter()
        : CLIENT.getPrometheusTextFormatWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.write(out, snapshots);
    return out.toByteArray();
  }

  private static byte[] ours(MetricSnapshots snapshots, TextExposition.Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextExposition.write(out, snapshots, format);
    return out.toByteArray();
  }

  private static void assertSameBytesInBothFormats(MetricSnapshots snapshots) throws IOException {
    assertThat(TextExposition.covers(snapshots)).isTrue();
    for (TextExposition.Format f : TextExposition.Format.values()) {
      // Compared as text first, so a difference shows as a readable diff, then byte for byte (the UTF-8).
      byte[] expected = client(snapshots, f);
      byte[] actual = ours(snapshots, f);
      assertThat(new String(actual, java.nio.charset.StandardCharsets.UTF_8)).as(f.name())
          .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
      assertThat(actual).as(f.name()).isEqualTo(expected);
    }
  }

  private static MetricSnapshots scrape(SimRig rig) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new SwitchCollector(rig.agent, "sw1"));
    return registry.scrape();
  }

  @Test
  void theDefaultSwitchDuringALaserFailureIsWrittenByteForByteAsTheClientWritesIt() throws Exception {
    try (SimRig rig = new SimRig(dir)) {
      rig.runSeconds(5);
      assertSameBytesInBothFormats(scrape(rig));
      rig.inject(FaultCatalog.LASER_FAILURE, "els3/laser5");
      rig.inject(FaultCatalog.FIBER_CUT, "port40/lane2");
      rig.runSeconds(5);
      MetricSnapshots failing = scrape(rig);
      assertThat(new String(ours(failing, TextExposition.Format.OPENMETRICS), java.nio.charset.StandardCharsets.UTF_8))
          .contains("cpo_alarm_active{", "cpo_lane_rx_los{lane=\"2\",port=\"40\"} 1.0");
      assertSameBytesInBothFormats(failing);
    }
  }

  @Test
  void the409TerabitSwitchIsWrittenByteForByteAsTheClientWritesIt() throws Exception {
    try (SimRig rig = new SimRig(dir, "spectrum-x-photonics-409t", List.of())) {
      rig.runSeconds(3);
      assertSameBytesInBothFormats(scrape(rig));
    }
  }

  @Test
  void escapesUtf8AndMissingHelpOrUnitAreWrittenAsTheClientWritesThem() throws Exception {
    Labels odd = Labels.of("path", "C:\\lab\\\"x\"", "note", "line1\nline2", "unit", "°C µA ✓ 😀", "lone", "a\uD800b");
    List<MetricSnapshot> all = new ArrayList<>();
    all.add(new GaugeSnapshot(new MetricMetadata("cpo_test_odd_celsius", "Help with \\ backslash, \"quotes\", °C,\n"
        + "a newline and 😀", new Unit("celsius")), List.of(new GaugeDataPointSnapshot(1.5, odd, null))));
    all.add(new GaugeSnapshot(new MetricMetadata("cpo_test_no_help"), List.of(new GaugeDataPointSnapshot(2,
        Labels.EMPTY, null))));
    all.add(new GaugeSnapshot(new MetricMetadata("cpo_test_empty_help", ""), List.of(new GaugeDataPointSnapshot(3,
        Labels.of("a", ""), null))));
    all.add(new GaugeSnapshot(new MetricMetadata("cpo_test_no_points", "Nothing to say"), List.of()));
    all.add(new CounterSnapshot(new MetricMetadata("cpo_test_bytes", "Bytes", Unit.BYTES), List.of(
        new CounterDataPointSnapshot(1.8e11, Labels.of("port", "1"), null, 0),
        new CounterDataPointSnapshot(0, Labels.of("port", "2"), null, 0))));
    all.add(new InfoSnapshot(new MetricMetadata("cpo_test_build", "Build \"info\""), List.of(
        new InfoDataPointSnapshot(Labels.of("version", "1.0 \"beta\"")))));
    all.add(new StateSetSnapshot(new MetricMetadata("cpo_test_state", "State"), List.of(
        new StateSetDataPointSnapshot(new String[] {"up", "down \"x\""}, new boolean[] {false, true}, Labels.EMPTY),
        new StateSetDataPointSnapshot(new String[] {"up", "down"}, new boolean[] {true, false},
            Labels.of("port", "3")))));
    assertSameBytesInBothFormats(new MetricSnapshots(all));
  }

  @Test
  void everyValueIsWrittenWithTheDigitsOfTheClientsDoubleToString() throws Exception {
    List<Double> values = new ArrayList<>(Arrays.asList(0.0, -0.0, 1.0, -1.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e-3, 9.99e-4,
        1e7, 9999999.0, 2.4e-4, 2.0e-3, 1.0e23, 2e-12, 1.8e11, -40.0, 0.1 + 0.2));
    SplittableRandom random = new SplittableRandom(13);
    for (int i = 0; i < 20_000; i++) {
      values.add(Double.longBitsToDouble(random.nextLong()));
      // Bit error ratios and optical powers as the switch reports them.
      values.add(Math.pow(10, -random.nextDouble(3, 15)) * random.nextDouble(1, 10));
      values.add(random.nextDouble(-40, 10));
    }
    List<GaugeDataPointSnapshot> points = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      points.add(new GaugeDataPointSnapshot(values.get(i), Labels.of("i", Integer.toString(i)), null));
    }
    assertSameBytesInBothFormats(new MetricSnapshots(new GaugeSnapshot(new MetricMetadata("cpo_test_value"),
        points)));
  }

  @Test
  void aScrapeOutsideWhatItCoversIsLeftToTheClientsWriter() throws Exception {
    MetricSnapshot unknown = new UnknownSnapshot(new MetricMetadata("cpo_test_unknown"), List.of(
        new UnknownDataPointSnapshot(1, Labels.EMPTY, null)));
    MetricSnapshot exemplar = new CounterSnapshot(new MetricMetadata("cpo_test_requests"), List.of(
        new CounterDataPointSnapshot(1, Labels.EMPTY, new Exemplar(1, Labels.of("trace_id", "abc"), 0), 0)));
    MetricSnapshot timestamped = new GaugeSnapshot(new MetricMetadata("cpo_test_stamped"), List.of(
        new GaugeDataPointSnapshot(1, Labels.EMPTY, null, 1_700_000_000_000L)));
    MetricSnapshot dotted = new GaugeSnapshot(new MetricMetadata("cpo.test.dotted"), List.of(
        new GaugeDataPointSnapshot(1, Labels.EMPTY, null)));
    for (MetricSnapshot s : List.of(unknown, exemplar, timestamped, dotted)) {
      assertThat(TextExposition.covers(new MetricSnapshots(s))).as(s.getMetadata().getName()).isFalse();
    }

    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(() -> exemplar);
    ByteArrayOutputStream served = new ByteArrayOutputStream();
    new MetricsEndpoint(registry).write("application/openmetrics-text; version=1.0.0", served);
    assertThat(served.toByteArray()).isEqualTo(client(registry.scrape(), TextExposition.Format.OPENMETRICS));
    assertThat(served.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("# {trace_id=\"abc\"}");
  }
}
