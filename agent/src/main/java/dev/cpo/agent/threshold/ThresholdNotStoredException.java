package dev.cpo.agent.threshold;

/**
 * A threshold change could not be saved in the state directory, so it was refused and nothing changed:
 * a change that would be lost at the next restart is not made. The message names the file and the
 * operating system's reason.
 */
public final class ThresholdNotStoredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ThresholdNotStoredException(String message, Throwable cause) {
    super(message, cause);
  }
}
