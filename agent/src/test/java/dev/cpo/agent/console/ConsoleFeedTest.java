package dev.cpo.agent.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.testing.SimRig;
import java.nio.file.Path;
import dev.cpo.agent.control.EventStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleFeedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path state;

  /** Keeps what the feed sends. */
  static final class Recorder implements ConsoleFeed.Sink {
    // Written by a started feed's thread while a test reads.
    final List<String[]> events = new CopyOnWriteArrayList<>();
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger asked = new AtomicInteger();
    volatile boolean listening = true;

    @Override
    public boolean hasListeners() {
      asked.incrementAndGet();
      return listening;
    }

    @Override
    public void publish(String event, String data) {
      events.add(new String[] {event, data});
    }

    @Override
    public void publish(List<EventStream.Event> sent) {
      batches.add(sent.stream().map(EventStream.Event::type).toList());
      ConsoleFeed.Sink.super.publish(sent);
    }

    List<JsonNode> of(String type) {
      List<JsonNode> out = new ArrayList<>();
      for (String[] e : events) {
        if (e[0].equals(type)) {
          try {
            out.add(JSON.readTree(e[1]));
          } catch (java.io.IOException x) {
            throw new IllegalStateException(x);
          }
        }
      }
      return out;
    }
  }

  @Test
  void aFailedLaserSendsItsFourPortsAsDegradedAndOneRootAlarm() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, SensorHistory.defaults(), sink);
      feed.check();
      assertThat(sink.of("states").get(0).path("states").size()).isEqualTo(rig.agent.inventory().entities().size());
      sink.events.clear();

      rig.inject("laser-failure", "els3/laser5");
      feed.check();
      assertThat(sink.of("faults")).singleElement().satisfies(f -> assertThat(f.path(0).path("target").asText())
          .isEqualTo("els3/laser5"));
      rig.runSeconds(2);
      feed.check();

      JsonNode changes = sink.of("states").get(0).path("states");
      for (String port : List.of("port17", "port18", "port19", "port20")) {
        assertThat(changes.path(port).path(0).asText()).isEqualTo("degraded");
        assertThat(changes.path(port).path(1).asText()).isNotEmpty();
      }
      assertThat(changes.path("els3/laser5").path(0).asText()).isEqualTo("failed");
      // Only what changed is sent.
      assertThat(changes.has("port21")).isFalse();
      JsonNode alarms = sink.of("alarms").get(0);
      assertThat(alarms.path("rootCauseCount").asInt()).isEqualTo(1);
      JsonNode root = alarms.path("rootCauses").path(0);
      assertThat(root.path("entity").asText()).isEqualTo("els3/laser5");
      assertThat(root.path("serviceability").path("replace").asText()).isEqualTo("els3");
      assertThat(root.path("symptomCount").asInt()).isEqualTo(alarms.path("activeCount").asInt() - 1);
    }
  }

  @Test
  void aSnapshotSendsItsTickAndOnlyTheReadingsWhosePrintedValueChanged() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, SensorHistory.defaults(), sink);
      feed.check();
      JsonNode before = sink.of("readings").get(0).path("values");
      assertThat(before.path("asic1").path("temp").asDouble()).isBetween(40.0, 110.0);
      assertThat(before).hasSameSizeAs(feed.picture().path("readings"));
      sink.events.clear();
      feed.check();
      assertThat(sink.events).isEmpty();

      rig.inject("fan-failure", "fan2");
      rig.runSeconds(2);
      sink.events.clear();
      feed.check();

      assertThat(sink.events).extracting(e -> e[0]).startsWith("tick").doesNotHaveDuplicates()
          .isSubsetOf("tick", "readings", "states", "alarms", "faults");
      JsonNode sent = sink.of("readings").get(0).path("values");
      JsonNode now = feed.picture().path("readings");
      assertThat(sent.has("fan2")).isTrue();
      now.fieldNames().forEachRemaining(entity -> {
        if (sent.has(entity)) {
          assertThat(sent.get(entity)).as(entity).isEqualTo(now.get(entity)).isNotEqualTo(before.get(entity));
        } else {
          assertThat(now.get(entity)).as(entity).isEqualTo(before.get(entity));
        }
      });
    }
  }

  @Test
  void aPageThatAttachesAfterAChangeMadeWhileNobodyListenedIsSentTheWholeSnapshot() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, SensorHistory.defaults(), sink);
      feed.check();
      sink.listening = false;
      rig.inject("laser-failure", "els3/laser5");
      rig.runSeconds(2);
      feed.check();
      sink.events.clear();

      sink.listening = true;
      feed.check();

      assertThat(sink.events).extracting(e -> e[0]).containsExactly("tick", "readings", "states", "alarms", "faults");
      JsonNode states = sink.of("states").get(0);
      assertThat(states.path("sequence").asLong()).isEqualTo(rig.agent.latest().hal().sequence());
      assertThat(states.path("states").size()).isEqualTo(rig.agent.inventory().entities().size());
      assertThat(states.path("states").path("port17").path(0).asText()).isEqualTo("degraded");
      assertThat(sink.of("alarms").get(0).path("rootCauseCount").asInt()).isEqualTo(1);
      assertThat(sink.of("faults").get(0).path(0).path("target").asText()).isEqualTo("els3/laser5");
    }
  }

  /**
   * A page that connects mid-way reads the whole picture, then applies the diffs newer than it (as main.js does):
   * after a laser failure, a fan failure and their clearing, what it holds is the feed's picture of that moment.
   */
  @Test
  void aPictureReadMidWayWithTheDiffsAfterItAppliedIsTheLatestPicture() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, SensorHistory.defaults(), sink);
      rig.runSeconds(3);
      feed.check();
      rig.runSeconds(1);
      feed.check();
      // The page connects here: its picture, then every event after it.
      // As the page has it: parsed from the route's JSON text.
      com.fasterxml.jackson.databind.node.ObjectNode page = (com.fasterxml.jackson.databind.node.ObjectNode) parsed(feed.picture());
      sink.events.clear();

      String laser = rig.inject("laser-failure", "els3/laser5").id();
      feed.check();
      for (int i = 0; i < 4; i++) {
        rig.runSeconds(1);
        feed.check();
      }
      String fan = rig.inject("fan-failure", "fan2").id();
      rig.runSeconds(2);
      feed.check();
      rig.sim.faults().clear(laser);
      feed.check();
      for (int i = 0; i < 3; i++) {
        rig.runSeconds(1);
        feed.check();
      }
      rig.sim.faults().clear(fan);
      rig.runSeconds(2);
      feed.check();

      assertThat(sink.of("states")).isNotEmpty().allSatisfy(d -> assertThat(d.path("states").size())
          .isLessThan(rig.agent.inventory().entities().size()));
      long base = page.path("sequence").asLong();
      for (String[] e : sink.events) {
        JsonNode d;
        try {
          d = JSON.readTree(e[1]);
        } catch (java.io.IOException x) {
          throw new IllegalStateException(x);
        }
        switch (e[0]) {
          case "tick" -> {
            if (d.path("sequence").asLong() > page.path("sequence").asLong()) {
              d.fields().forEachRemaining(f -> page.set(f.getKey(), f.getValue()));
            }
          }
          case "states" -> {
            if (d.path("sequence").asLong() > base) {
              d.path("states").fields().forEachRemaining(f -> page.with("states").set(f.getKey(), f.getValue()));
            }
          }
          case "readings" -> {
            if (d.path("sequence").asLong() > base) {
              d.path("values").fields().forEachRemaining(f -> page.with("readings").set(f.getKey(), f.getValue()));
            }
          }
          case "alarms" -> {
            if (d.path("sequence").asLong() > base) {
              page.set("alarms", d);
            }
          }
          case "faults" -> page.set("faults", d);
          default -> throw new AssertionError("unexpected event " + e[0]);
        }
      }
      JsonNode now = parsed(feed.picture());
      assertThat(page.path("sequence")).isEqualTo(now.path("sequence"));
      assertThat(page.path("states")).isEqualTo(now.path("states"));
      assertThat(page.path("readings")).isEqualTo(now.path("readings"));
      assertThat(page.path("faults")).isEqualTo(now.path("faults"));
      // The alarm story as last sent (the clearing of the fan's alarms with it).
      assertThat(page.path("alarms").path("rootCauses")).isEqualTo(now.path("alarms").path("rootCauses"));
      assertThat(page.path("alarms").path("history")).isEqualTo(now.path("alarms").path("history"));
      assertThat(page).isEqualTo(now);
    }
  }

  /**
   * A page that selected port17 follows its detail stream: each snapshot brings the readings the readings route
   * gives, each new history sample that sample, so that the history read once plus the samples after it is the
   * history route's answer.
   */
  @Test
  void aFollowedDetailGetsItsReadingsEachSnapshotAndEachNewHistorySample() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      List<String[]> sent = new CopyOnWriteArrayList<>();
      java.util.Set<String> followed = new java.util.concurrent.CopyOnWriteArraySet<>();
      ConsoleFeed.Details details = new ConsoleFeed.Details() {
        @Override
        public java.util.Collection<String> followed() {
          return followed;
        }

        @Override
        public void publish(String entity, List<EventStream.Event> events) {
          events.forEach(e -> sent.add(new String[] {entity, e.type(), e.data()}));
        }
      };
      SensorHistory history = SensorHistory.defaults();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, history, sink, details);
      ConsoleApi api = new ConsoleApi(rig.agent, history, feed, new ScenarioRuns(state, () -> null));
      for (int i = 0; i < 6; i++) {
        rig.runSeconds(1);
        feed.check();
      }
      assertThat(sent).isEmpty();
      followed.add("port17");
      JsonNode page = parsed(api.history("port17"));
      rig.inject("laser-failure", "els3/laser5");
      for (int i = 0; i < 12; i++) {
        rig.runSeconds(1);
        feed.check();
      }
      List<JsonNode> readings = new ArrayList<>();
      List<JsonNode> samples = new ArrayList<>();
      for (String[] e : sent) {
        assertThat(e[0]).isEqualTo("port17");
        JsonNode d = parse(e[2]);
        assertThat(d.path("entity").asText()).isEqualTo("port17");
        (e[1].equals("detail") ? readings : samples).add(d);
      }
      assertThat(readings).hasSize(12);
      JsonNode latest = parsed(api.readings("port17"));
      assertThat(readings.get(11).path("entities")).isEqualTo(latest.path("entities"));
      assertThat(samples).hasSizeBetween(2, 3);
      // The history as the page keeps it: read once, then each sample appended.
      com.fasterxml.jackson.databind.node.ArrayNode times = (com.fasterxml.jackson.databind.node.ArrayNode) page.path("timesMillis");
      for (JsonNode s : samples) {
        times.add(s.path("timeMillis").asLong());
        page.path("sensors").forEach(x -> ((com.fasterxml.jackson.databind.node.ArrayNode) x.path("values"))
            .add(s.path("values").path(x.path("id").asText())));
      }
      assertThat(page).isEqualTo(parsed(api.history("port17")));

      followed.clear();
      sent.clear();
      rig.runSeconds(5);
      feed.check();
      assertThat(sent).isEmpty();
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException x) {
      throw new IllegalStateException(x);
    }
  }

  private static JsonNode parsed(JsonNode tree) {
    try {
      return JSON.readTree(JSON.writeValueAsString(tree));
    } catch (java.io.IOException x) {
      throw new IllegalStateException(x);
    }
  }

  @Test
  void withNobodyListeningNothingIsRenderedButTheHistoryIsStillKept() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      sink.listening = false;
      SensorHistory history = SensorHistory.defaults();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, history, sink);
      feed.check();
      rig.runSeconds(5);
      feed.check();
      assertThat(sink.events).isEmpty();
      var bias = rig.agent.inventory().sensor("els3/laser5", dev.cpo.hal.SensorKind.BIAS_CURRENT).orElseThrow();
      assertThat(history.series(List.of(bias)).timesMillis()).hasSize(2);
    }
  }

  @Test
  void thePictureHasEveryEntityAndTheActiveFaults() {
    try (SimRig rig = new SimRig(state)) {
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, SensorHistory.defaults(), new Recorder());
      rig.inject("fan-failure", "fan2");
      rig.runSeconds(2);
      JsonNode p = feed.picture();
      assertThat(p.path("states").size()).isEqualTo(rig.agent.inventory().entities().size());
      assertThat(p.path("states").path("fan2").path(0).asText()).isEqualTo("failed");
      assertThat(p.path("faults").path(0).path("type").asText()).isEqualTo("fan-failure");
      assertThat(p.path("sequence").asLong()).isEqualTo(rig.agent.latest().hal().sequence());
    }
  }

  @Test
  void aLookSendsWhatItFoundTogetherInOnePublish() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, SensorHistory.defaults(), sink);
      feed.check();
      assertThat(sink.batches).containsExactly(List.of("tick", "readings", "states", "alarms", "faults"));
      sink.batches.clear();
      feed.check();
      // Nothing new: nothing sent, not even an empty batch.
      assertThat(sink.batches).isEmpty();

      rig.inject("laser-failure", "els3/laser5");
      rig.runSeconds(2);
      feed.check();

      assertThat(sink.batches).singleElement().satisfies(b -> assertThat(b).startsWith("tick")
          .contains("states", "alarms", "faults").doesNotHaveDuplicates());
    }
  }

  @Test
  void aStartedFeedLooksWhenTheAgentHasANewSnapshotOrAFaultChangesAndSleepsOtherwise() {
    try (SimRig rig = new SimRig(state)) {
      Recorder sink = new Recorder();
      ConsoleFeed feed = new ConsoleFeed(rig.agent, rig.sim, SensorHistory.defaults(), sink);
      feed.start();
      try {
        await().atMost(Duration.ofSeconds(5)).until(() -> !sink.of("tick").isEmpty());
        // No timer: with nothing new the feed does not even look (the old one looked 20 times a second).
        int asked = sink.asked.get();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> sink.asked.get() == asked);

        long before = rig.agent.latest().hal().sequence();
        rig.agent.pollOnce();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.of("tick").stream()
            .anyMatch(t -> t.path("sequence").asLong() > before));

        // A fault shows without waiting for the next snapshot.
        rig.inject("fan-failure", "fan2");
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.of("faults").stream()
            .anyMatch(f -> f.path(0).path("target").asText().equals("fan2")));
      } finally {
        feed.stop();
      }
      // Stopped: told of nothing more.
      int asked = sink.asked.get();
      rig.agent.pollOnce();
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sink.asked.get() == asked);
    }
  }
}
