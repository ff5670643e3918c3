package dev.cpo.agent.metrics;

import dev.cpo.agent.control.Request;
import dev.cpo.agent.control.Response;
import dev.cpo.agent.control.RouteHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics}: the registry's metrics in the format the scraper's {@code Accept} header asks for, by the
 * Prometheus Java client's own negotiation: OpenMetrics 1.0 ({@code application/openmetrics-text}, what Prometheus
 * asks for first), else the Prometheus text format 0.0.4 ({@code text/plain}). The registry is scraped when the
 * server writes the body, straight into the connection's buffer. The text is written by {@link TextExposition},
 * which gives the client's bytes without allocating per value, for every scrape it covers (all of the switch's);
 * the client's writer writes any other.
 */
public final class MetricsEndpoint implements RouteHandler {

  /** The path it is served on. */
  public static final String PATH = "/metrics";

  private final PrometheusRegistry registry;
  private final ExpositionFormats formats = ExpositionFormats.init();

  public MetricsEndpoint(PrometheusRegistry registry) {
    this.registry = registry;
  }

  /** An endpoint over one collector. */
  public static MetricsEndpoint of(SwitchCollector collector) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(collector);
    return new MetricsEndpoint(registry);
  }

  @Override
  public Response handle(Request request) {
    request.allowQuery();
    ExpositionFormatWriter writer = writer(request.header("Accept"));
    return Response.written(200, writer.getContentType(), out -> write(writer, out));
  }

  /** Scrapes and writes in the format {@code accept} asks for (null: the Prometheus text format). */
  public void write(String accept, OutputStream out) throws IOException {
    write(writer(accept), out);
  }

  private void write(ExpositionFormatWriter writer, OutputStream out) throws IOException {
    MetricSnapshots snapshots = registry.scrape();
    TextExposition.Format format = writer instanceof OpenMetricsTextFormatWriter ? TextExposition.Format.OPENMETRICS
        : writer instanceof PrometheusTextFormatWriter ? TextExposition.Format.PROMETHEUS : null;
    if (format != null && TextExposition.covers(snapshots)) {
      TextExposition.write(out, snapshots, format);
    } else {
      writer.write(out, snapshots);
    }
  }

  private ExpositionFormatWriter writer(String accept) {
    ExpositionFormatWriter w = formats.findWriter(accept);
    // Without the protobuf module the client would still pick its protobuf writer for a protobuf Accept header.
    return w.isAvailable() ? w : formats.getPrometheusTextFormatWriter();
  }
}
