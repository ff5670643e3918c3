package dev.cpo.agent.metrics;

import dev.cpo.agent.control.Request;
import dev.cpo.agent.control.Response;
import dev.cpo.agent.control.RouteHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics}: the registry's metrics in the format the scraper's {@code Accept} header asks for, by the
 * Prometheus Java client's own negotiation: OpenMetrics 1.0 ({@code application/openmetrics-text}, what Prometheus
 * asks for first), else the Prometheus text format 0.0.4 ({@code text/plain}). The registry is scraped when the
 * server writes the body, straight into the connection's buffer.
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
    return Response.written(200, writer.getContentType(), out -> writer.write(out, registry.scrape()));
  }

  /** Scrapes and writes in the format {@code accept} asks for (null: the Prometheus text format). */
  public void write(String accept, OutputStream out) throws IOException {
    writer(accept).write(out, registry.scrape());
  }

  private ExpositionFormatWriter writer(String accept) {
    ExpositionFormatWriter w = formats.findWriter(accept);
    // Without the protobuf module the client would still pick its protobuf writer for a protobuf Accept header.
    return w.isAvailable() ? w : formats.getPrometheusTextFormatWriter();
  }
}
