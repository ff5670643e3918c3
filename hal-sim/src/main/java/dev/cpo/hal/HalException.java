package dev.cpo.hal;

/** A HAL read or control failed (bus error, timeout, module absent). */
public class HalException extends Exception {

  public HalException(String message) {
    super(message);
  }

  public HalException(String message, Throwable cause) {
    super(message, cause);
  }
}
