package dev.cpo.agent.scenario;

/** A scenario file is invalid; the message names the step and key. */
public final class ScenarioException extends Exception {

  public ScenarioException(String message) {
    super(message);
  }
}
