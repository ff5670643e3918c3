package dev.cpo.agent.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.control.ApiException;
import dev.cpo.agent.control.ControlService;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An in-process target: the control service of a simulator on a manual clock, which the runner
 * advances straight to each step's time, as fast as the CPU allows.
 */
public final class ServiceTarget implements ScenarioTarget {

  private final ControlService service;
  private final Clock clock;
  private final Consumer<Duration> advance;
  private final AutoCloseable resources;

  /**
   * @param clock the simulator's clock
   * @param advance moves that clock forward
   * @param resources closed with the target (the simulator)
   */
  public ServiceTarget(ControlService service, Clock clock, Consumer<Duration> advance, AutoCloseable resources) {
    this.service = service;
    this.clock = clock;
    this.advance = advance;
    this.resources = resources;
  }

  @Override
  public long nowMillis() {
    return clock.millis();
  }

  @Override
  public void advanceTo(long simMillis) {
    long now = clock.millis();
    if (simMillis > now) {
      advance.accept(Duration.ofMillis(simMillis - now));
    }
  }

  @Override
  public JsonNode inject(ObjectNode request) throws TargetException {
    try {
      return service.injectFault(request);
    } catch (ApiException e) {
      throw refused(e);
    }
  }

  @Override
  public void clear(String id) throws TargetException {
    try {
      service.clearFault(id);
    } catch (ApiException e) {
      throw refused(e);
    }
  }

  @Override
  public void sim(ObjectNode settings) throws TargetException {
    try {
      service.updateSim(settings);
    } catch (ApiException e) {
      throw refused(e);
    }
  }

  @Override
  public JsonNode telemetry(String entity) throws TargetException {
    try {
      return service.telemetry(entity);
    } catch (ApiException e) {
      throw refused(e);
    }
  }

  @Override
  public JsonNode alarms() throws TargetException {
    try {
      return service.alarms(true, false);
    } catch (ApiException e) {
      throw refused(e);
    }
  }

  private static TargetException refused(ApiException e) {
    return new TargetException(e.error() + ": " + e.detail());
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the simulator failed", e);
    }
  }
}
