package dev.cpo.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.scenario.ScenarioTarget;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running agent as a scenario target, through its control API. Simulated time is the agent's:
 * the runner waits (in wall time, shortened by the simulator's time scale) until it reaches each step.
 */
final class ApiTarget implements ScenarioTarget {

  private final ControlClient client;
  // Telemetry is a snapshot taken at some moment; after an action, only a snapshot with a later
  // sequence is known to show its effect. Two past the one seen after the action rules out a sample
  // that was already under way.
  private long minSequence;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "scenario-timer");
    t.setDaemon(true);
    return t;
  });

  ApiTarget(ControlClient client) {
    this.client = client;
  }

  @Override
  public long nowMillis() throws TargetException {
    return health().path("telemetry").path("timeMillis").asLong();
  }

  @Override
  public void advanceTo(long simMillis) throws TargetException {
    while (true) {
      JsonNode health = health();
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
    JsonNode created = call(() -> client.post("/api/v1/faults", request));
    afterAction();
    return created;
  }

  @Override
  public void clear(String id) throws TargetException {
    call(() -> client.delete("/api/v1/faults/" + ControlClient.segment(id)));
    afterAction();
  }

  @Override
  public void sim(ObjectNode settings) throws TargetException {
    call(() -> client.post("/api/v1/sim", settings));
    afterAction();
  }

  private void afterAction() throws TargetException {
    minSequence = health().path("telemetry").path("sequence").asLong() + 2;
  }

  @Override
  public JsonNode telemetry(String entity) throws TargetException {
    return call(() -> client.get("/api/v1/telemetry?entity=" + ControlClient.segment(entity)));
  }

  private JsonNode health() throws TargetException {
    return call(() -> client.get("/api/v1/health"));
  }

  private interface Request {
    JsonNode send() throws ControlClient.Failure;
  }

  private static JsonNode call(Request r) throws TargetException {
    try {
      return r.send();
    } catch (ControlClient.Failure e) {
      throw new TargetException(e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
