package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.cli.AgentSections;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that stops reading (the sonic-gnmi#26 case): its subscription is closed with
 * RESOURCE_EXHAUSTED once its bounded queue is full, the drop is counted, and the agent's heap does
 * not grow with what it could not send.
 */
class GnmiSlowSubscriberIT {

  @TempDir Path dir;
  private Product product;

  @AfterEach
  void stop() {
    if (product != null) {
      product.stop();
    }
  }

  @Test
  void aSubscriberThatStopsReadingIsClosedResourceExhaustedAndTheHeapStaysFlat() throws Exception {
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "control.port=0", "traps.port=9",
        "mqtt.embedded.port=0", "gnmi.port=0", "state.dir=" + dir.resolve("state"), "gnmi.queueBytes=1048576")));
    product.start();
    PyGnmi gnmi = PyGnmi.forTarget("127.0.0.1:" + product.gnmi().port());
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    // Warm up: one full subscription read to the end, so class loading and caches are in the baseline.
    List<JsonNode> warmUp = gnmi.call("subscribe", "--mode", "ONCE", "--sub", "/components");
    // Larger than the queue's bound, and read as fast as the client can: it is not a slow subscriber.
    assertThat(warmUp).isNotEmpty();
    assertThat(warmUp.get(warmUp.size() - 1).path("type").asText()).as("how the ONCE ended").isEqualTo("end");
    assertThat(product.gnmi().stats().slowSubscribersDropped()).isZero();
    long baseline = usedAfterGc(memory);

    // Every transceiver leaf every 100 ms (about 1 MB/s), read once, then not for 20 s.
    PyGnmi.Running slow = gnmi.start("subscribe", "--mode", "STREAM", "--seconds", "60", "--stall-seconds", "20",
        "--sub", "/components/component[name=*]/transceiver;SAMPLE;100");
    try {
      await().atMost(Duration.ofSeconds(18)).until(() -> product.gnmi().stats().slowSubscribersDropped() == 1);
      assertThat(product.gnmi().stats().activeSubscriptions()).isZero();
      long after = usedAfterGc(memory);
      assertThat(after - baseline).as("heap growth, bytes").isLessThan(16L << 20);
      // Once it reads again, the client drains what was in flight and then gets the status.
      await().atMost(Duration.ofSeconds(40)).until(() -> {
        List<JsonNode> lines = slow.lines();
        return !lines.isEmpty() && lines.get(lines.size() - 1).path("type").asText().equals("error");
      });
      List<JsonNode> lines = slow.lines();
      JsonNode last = lines.get(lines.size() - 1);
      assertThat(last.path("code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
      assertThat(last.path("details").asText()).contains("not reading");
    } finally {
      slow.kill();
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
