package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a scenario acts on: a running agent through its control API, or an in-process simulator on
 * a manual clock. Requests and answers are the control API's JSON either way, so a scenario behaves
 * the same on both.
 */
public interface ScenarioTarget extends AutoCloseable {

  /** Simulated time now, epoch milliseconds. */
  long nowMillis() throws TargetException;

  /** Returns once simulated time has reached {@code simMillis} (advancing it, or waiting for it). */
  void advanceTo(long simMillis) throws TargetException;

  /** Injects a fault ({@code POST /api/v1/faults}); returns the created fault with its id. */
  JsonNode inject(ObjectNode request) throws TargetException;

  /** Clears a fault ({@code DELETE /api/v1/faults/{id}}). */
  void clear(String id) throws TargetException;

  /** Changes simulator settings ({@code POST /api/v1/sim}). */
  void sim(ObjectNode settings) throws TargetException;

  /** Telemetry of one entity ({@code GET /api/v1/telemetry?entity=..}). */
  JsonNode telemetry(String entity) throws TargetException;

  /** Every active alarm ({@code GET /api/v1/alarms?flat=true}: {@code active}, each with condition and entity). */
  JsonNode alarms() throws TargetException;

  /**
   * The switches of the fleet this target is in, the first being the one the plain routes mean
   * ({@code GET /api/v1/switches}); empty when it is a single switch.
   */
  default java.util.List<String> switches() throws TargetException {
    return java.util.List.of();
  }

  /**
   * The same target on switch {@code id} of its fleet, one of {@link #switches()}: this one when it is
   * that switch already (the runner closes the others it gets).
   */
  default ScenarioTarget on(String id) throws TargetException {
    throw new TargetException("this target is a single switch, not a fleet: no switch '" + id + "'");
  }

  @Override
  void close();

  /** The target refused or failed a request; the message is the reason. */
  final class TargetException extends Exception {
    private final int status;

    public TargetException(String message) {
      this(message, 0);
    }

    /** @param status the control API's HTTP status, 0 when there was no answer */
    public TargetException(String message, int status) {
      super(message);
      this.status = status;
    }

    /** The control API's HTTP status of the refusal, 0 when there was none. */
    public int status() {
      return status;
    }
  }
}
