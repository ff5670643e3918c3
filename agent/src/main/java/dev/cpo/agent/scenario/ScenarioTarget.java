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

  @Override
  void close();

  /** The target refused or failed a request; the message is the reason. */
  final class TargetException extends Exception {
    public TargetException(String message) {
      super(message);
    }
  }
}
