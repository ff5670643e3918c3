package dev.cpo.agent.control;

/**
 * A request the control API refuses; nothing changed. Becomes an HTTP error with the JSON body
 * {@code {"error": code, "detail": detail}}.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String error;
  private final String allow;

  /**
   * @param status HTTP status, e.g. 400
   * @param error short machine-readable code, e.g. {@code unknown-target}
   * @param detail one sentence naming what is wrong
   */
  public ApiException(int status, String error, String detail) {
    this(status, error, detail, null);
  }

  private ApiException(int status, String error, String detail, String allow) {
    super(detail);
    this.status = status;
    this.error = error;
    this.allow = allow;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return getMessage();
  }

  /** For a 405: the methods the route takes, as the Allow header lists them; otherwise null. */
  public String allow() {
    return allow;
  }

  static ApiException methodNotAllowed(String detail, String allow) {
    return new ApiException(405, "method-not-allowed", detail, allow);
  }

  static ApiException badRequest(String error, String detail) {
    return new ApiException(400, error, detail);
  }

  static ApiException notFound(String error, String detail) {
    return new ApiException(404, error, detail);
  }

  static ApiException unavailable(String detail) {
    return new ApiException(503, "unavailable", detail);
  }
}
