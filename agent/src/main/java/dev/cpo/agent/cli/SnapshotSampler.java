package dev.cpo.agent.cli;

import dev.cpo.agent.lifecycle.Component;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.SwitchHal;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the HAL on a schedule and keeps the latest snapshot, so the control API answers from memory
 * and never waits on a slow or failing HAL. Stands in for the agent's poller until that is composed
 * into {@code run}; then the API reads the agent's latest snapshot instead.
 */
final class SnapshotSampler implements Component, Supplier<HalSnapshot> {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSampler.class);

  private final SwitchHal hal;
  private final long intervalMillis;
  private volatile HalSnapshot latest;
  private ScheduledExecutorService scheduler;

  SnapshotSampler(SwitchHal hal, long intervalMillis) {
    this.hal = hal;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public String name() {
    return "sampler";
  }

  @Override
  public void start() throws HalException {
    latest = hal.snapshot();
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sampler");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      latest = hal.snapshot();
    } catch (HalException e) {
      // The last good snapshot stays; the next cycle tries again.
      LOG.warn("HAL read failed, serving the previous snapshot: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("HAL read threw", e);
    }
  }

  @Override
  public HalSnapshot get() {
    return latest;
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
