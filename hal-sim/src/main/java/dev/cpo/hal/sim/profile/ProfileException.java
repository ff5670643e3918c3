package dev.cpo.hal.sim.profile;

/** A profile could not be found, read or validated. The message names the profile and what is wrong. */
public class ProfileException extends IllegalArgumentException {

  public ProfileException(String message) {
    super(message);
  }

  public ProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
