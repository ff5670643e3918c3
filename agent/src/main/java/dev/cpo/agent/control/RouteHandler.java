package dev.cpo.agent.control;

/**
 * Answers the requests of one route of the control server. Runs on the server's I/O thread: keep it
 * short and in memory (read a snapshot, render it). Throw {@link ApiException} to refuse a request with
 * a status and a one-sentence detail; any other exception becomes a 500 whose body names no exception
 * (the server logs it).
 *
 * @see Routes
 */
@FunctionalInterface
public interface RouteHandler {

  /**
   * @param request the request, its body already read (at most {@link ControlServerInitializer#MAX_CONTENT_BYTES})
   * @return the response: JSON, text, bytes or an event stream (see {@link Response})
   */
  Response handle(Request request);
}
