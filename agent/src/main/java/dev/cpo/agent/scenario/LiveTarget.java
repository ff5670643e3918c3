package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running agent as a scenario target, reached through its control API's calls (over HTTP by the
 * CLI, in process by the console). Simulated time is the agent's: the runner waits (in wall time,
 * shortened by the simulator's time scale) until it reaches each step.
 */
public final class LiveTarget implements ScenarioTarget {

  /** The control API calls a live target makes; each answers the route's JSON or throws its refusal. */
  public interface Api {
    /** {@code GET /api/v1/health}. */
    JsonNode health() throws TargetException;

    /** {@code POST /api/v1/faults}. */
    JsonNode inject(ObjectNode request) throws TargetException;

    /** {@code DELETE /api/v1/faults/{id}}. */
    void clear(String id) throws TargetException;

    /** {@code POST /api/v1/sim}. */
    void sim(ObjectNode settings) throws TargetException;

    /** {@code GET /api/v1/telemetry?entity=..}. */
    JsonNode telemetry(String entity) throws TargetException;

    /** {@code GET /api/v1/alarms?flat=true}. */
    JsonNode alarms() throws TargetException;

    /** The ids of {@code GET /api/v1/switches}, first first; empty when the agent is no fleet (404). */
    java.util.List<String> switches() throws TargetException;

    /** The switch these calls reach: null for the plain routes (the fleet's first switch). */
    String switchId();

    /** The same calls on switch {@code id} of the fleet ({@code /api/v1/switches/{id}/...}). */
    Api on(String id);
  }

  private final Api api;
  // Telemetry is a snapshot taken at some moment; after an action, only a snapshot with a later
  // sequence is known to show its effect. Two past the one seen after the action rules out a sample
  // that was already under way.
  private long minSequence;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "scenario-timer");
    t.setDaemon(true);
    return t;
  });

  public LiveTarget(Api api) {
    this.api = api;
  }

  @Override
  public long nowMillis() throws TargetException {
    return api.health().path("telemetry").path("timeMillis").asLong();
  }

  @Override
  public void advanceTo(long simMillis) throws TargetException {
    while (true) {
      JsonNode health = api.health();
      long now = health.path("telemetry").path("timeMillis").asLong();
      long sequence = health.path("telemetry").path("sequence").asLong();
      if (now >= simMillis && sequence >= minSequence) {
        return;
      }
      double timeScale = health.path("sim").path("timeScale").asDouble(1);
      // Wait about the wall time the remaining simulated time takes, checking at least once a second.
      long waitMillis = Math.max(10, Math.min(1000, (long) (Math.max(0, simMillis - now) / timeScale)));
      try {
        timer.schedule(() -> null, waitMillis, TimeUnit.MILLISECONDS).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TargetException("interrupted while waiting for simulated time");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public JsonNode inject(ObjectNode request) throws TargetException {
    JsonNode created = api.inject(request);
    afterAction();
    return created;
  }

  @Override
  public void clear(String id) throws TargetException {
    api.clear(id);
    afterAction();
  }

  @Override
  public void sim(ObjectNode settings) throws TargetException {
    api.sim(settings);
    afterAction();
  }

  private void afterAction() throws TargetException {
    minSequence = api.health().path("telemetry").path("sequence").asLong() + 2;
  }

  @Override
  public JsonNode telemetry(String entity) throws TargetException {
    return api.telemetry(entity);
  }

  @Override
  public JsonNode alarms() throws TargetException {
    return api.alarms();
  }

  @Override
  public java.util.List<String> switches() throws TargetException {
    return api.switches();
  }

  @Override
  public ScenarioTarget on(String id) throws TargetException {
    java.util.List<String> ids = api.switches();
    String self = api.switchId() != null ? api.switchId() : ids.isEmpty() ? null : ids.get(0);
    if (id.equals(self)) {
      return this;
    }
    return new LiveTarget(api.on(id));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
