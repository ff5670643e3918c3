package dev.cpo.agent.control;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A GET route whose answer is not JSON and is written straight into the response (e.g. {@code /metrics}
 * in the Prometheus text format). It sits behind the same bearer-token check as the JSON routes.
 */
public interface StreamRoute {

  /**
   * The media type answered to a request with this {@code Accept} header.
   *
   * @param accept the request's Accept header, or null when it sent none
   */
  String contentType(String accept);

  /** Writes the body answered to a request with this {@code Accept} header (null when none). */
  void write(String accept, OutputStream out) throws IOException;
}
