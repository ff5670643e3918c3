package dev.cpo.agent.metrics;

import dev.cpo.agent.control.StreamRoute;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics}: the registry's metrics in the format the scraper's {@code Accept} header asks for, by the
 * Prometheus Java client's own negotiation: OpenMetrics 1.0 ({@code application/openmetrics-text}, what Prometheus
 * asks for first), else the Prometheus text format 0.0.4 ({@code text/plain}).
 */
public final class MetricsEndpoint implements StreamRoute {

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
  public String contentType(String accept) {
    return writer(accept).getContentType();
  }

  @Override
  public void write(String accept, OutputStream out) throws IOException {
    writer(accept).write(out, registry.scrape());
  }

  private ExpositionFormatWriter writer(String accept) {
    ExpositionFormatWriter w = formats.findWriter(accept);
    // Without the protobuf module the client would still pick its protobuf writer for a protobuf Accept header.
    return w.isAvailable() ? w : formats.getPrometheusTextFormatWriter();
  }
}
