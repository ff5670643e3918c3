package dev.cpo.hal.fault;

/** A fault request was refused; nothing changed. The message names what is wrong. */
public class FaultException extends RuntimeException {

  /** Why a request was refused; the control API maps each to an HTTP status. */
  public enum Reason {
    UNKNOWN_TYPE,
    UNKNOWN_TARGET,
    /** The target exists but the fault type does not apply to its class. */
    WRONG_TARGET_CLASS,
    UNKNOWN_PARAMETER,
    PARAMETER_OUT_OF_RANGE,
    /** No active fault with that id. */
    NOT_FOUND,
    /** The request contradicts the current state, e.g. inserting a module that is present. */
    CONFLICT
  }

  private final Reason reason;

  public FaultException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
