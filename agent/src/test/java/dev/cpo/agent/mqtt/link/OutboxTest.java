package dev.cpo.agent.mqtt.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {

  private final List<String> log = new ArrayList<>();

  private static OutboundMessage msg(Lane lane, String topic, String body) {
    return OutboundMessage.of(lane, topic, body.getBytes(StandardCharsets.UTF_8), lane == Lane.TELEMETRY ? 0 : 1,
        lane.coalesced());
  }

  private static String body(Outbox.Entry e) {
    return new String(e.message().payload(), StandardCharsets.UTF_8);
  }

  @Test
  void birthGoesFirstThenEventsInOrderThenAlarmsStateAndTelemetry() {
    Outbox box = new Outbox(100, log::add);
    box.offer(msg(Lane.TELEMETRY, "t/a", "t1"));
    box.offer(msg(Lane.STATE, "s/a", "s1"));
    box.offer(msg(Lane.EVENT, "events", "e1"));
    box.offer(msg(Lane.ALARM, "al/x", "a1"));
    box.offer(msg(Lane.EVENT, "events", "e2"));
    box.offer(msg(Lane.BIRTH, "status", "online"));
    List<String> order = new ArrayList<>();
    for (Outbox.Entry e = box.next(); e != null; e = box.next()) {
      order.add(body(e));
    }
    assertThat(order).containsExactly("online", "e1", "e2", "a1", "s1", "t1");
  }

  @Test
  void aNewerRetainedMessageReplacesTheWaitingOneButEventsAllStay() {
    Outbox box = new Outbox(100, log::add);
    box.offer(msg(Lane.ALARM, "al/x", "raised"));
    box.offer(msg(Lane.ALARM, "al/x", ""));
    box.offer(msg(Lane.EVENT, "events", "e1"));
    box.offer(msg(Lane.EVENT, "events", "e2"));
    assertThat(box.waiting()).isEqualTo(3);
    assertThat(body(box.next())).isEqualTo("e1");
    assertThat(body(box.next())).isEqualTo("e2");
    assertThat(body(box.next())).isEmpty();
  }

  @Test
  void whenFullTelemetryIsDroppedFirstThenStateThenEventsAndTheDropIsCountedAndLogged() {
    Outbox box = new Outbox(4, log::add);
    box.offer(msg(Lane.ALARM, "al/x", "a"));
    box.offer(msg(Lane.EVENT, "events", "e1"));
    box.offer(msg(Lane.STATE, "s/1", "s"));
    box.offer(msg(Lane.TELEMETRY, "t/1", "t"));
    box.offer(msg(Lane.EVENT, "events", "e2"));
    assertThat(box.dropped(Lane.TELEMETRY)).isEqualTo(1);
    box.offer(msg(Lane.EVENT, "events", "e3"));
    assertThat(box.dropped(Lane.STATE)).isEqualTo(1);
    box.offer(msg(Lane.EVENT, "events", "e4"));
    assertThat(box.dropped(Lane.EVENT)).isEqualTo(1);
    assertThat(box.dropped(Lane.ALARM)).isZero();
    assertThat(log).hasSize(3).allMatch(l -> l.contains("dropped the oldest"));
    List<String> left = new ArrayList<>();
    for (Outbox.Entry e = box.next(); e != null; e = box.next()) {
      left.add(body(e));
    }
    assertThat(left).containsExactly("e2", "e3", "e4", "a");
  }

  @Test
  void whatWasInFlightAtADisconnectGoesBackToTheFrontInItsOriginalOrder() {
    Outbox box = new Outbox(100, log::add);
    for (int i = 1; i <= 5; i++) {
      box.offer(msg(Lane.EVENT, "events", "e" + i));
    }
    Outbox.Entry e1 = box.next();
    Outbox.Entry e2 = box.next();
    Outbox.Entry e3 = box.next();
    assertThat(box.acknowledged(e2)).isTrue();
    assertThat(box.requeueInflight()).isEqualTo(2);
    assertThat(box.acknowledged(e1)).as("a late ack of a requeued message is ignored").isFalse();
    assertThat(box.retry(e3)).isFalse();
    List<String> order = new ArrayList<>();
    for (Outbox.Entry e = box.next(); e != null; e = box.next()) {
      order.add(body(e));
    }
    assertThat(order).containsExactly("e1", "e3", "e4", "e5");
  }

  @Test
  void aRequeuedRetainedMessageDoesNotOverwriteANewerOneForTheSameTopic() {
    Outbox box = new Outbox(100, log::add);
    box.offer(msg(Lane.ALARM, "al/x", "raised"));
    Outbox.Entry raised = box.next();
    box.offer(msg(Lane.ALARM, "al/x", ""));
    box.requeueInflight();
    assertThat(box.waiting()).isEqualTo(1);
    assertThat(body(box.next())).isEmpty();
    assertThat(raised).isNotNull();
  }

  /** A payload "<body>#<seq>" numbered from a shared counter, as one message class's are. */
  private static OutboundMessage sequenced(Lane lane, String topic, String body, java.util.concurrent.atomic.AtomicLong seq) {
    return OutboundMessage.of(lane, topic, () -> (body + "#" + seq.incrementAndGet()).getBytes(StandardCharsets.UTF_8),
        1, lane.coalesced());
  }

  @Test
  void aRetainedMessageReplacedWhileWaitingUsesNoNumber() {
    java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
    Outbox box = new Outbox(100, log::add);
    box.offer(sequenced(Lane.STATE, "s/a", "up", seq));
    box.offer(sequenced(Lane.STATE, "s/a", "failed", seq));
    box.offer(sequenced(Lane.STATE, "s/b", "up", seq));

    assertThat(body(box.next())).isEqualTo("failed#1");
    assertThat(body(box.next())).isEqualTo("up#2");
    assertThat(seq.get()).isEqualTo(2);
  }

  @Test
  void aMessageDroppedForRoomUsesItsNumberSoTheLossShowsAsAGap() {
    java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
    Outbox box = new Outbox(2, log::add);
    box.offer(sequenced(Lane.EVENT, "events", "e1", seq));
    box.offer(sequenced(Lane.EVENT, "events", "e2", seq));
    box.offer(sequenced(Lane.EVENT, "events", "e3", seq));

    assertThat(box.dropped(Lane.EVENT)).isEqualTo(1);
    assertThat(body(box.next())).isEqualTo("e2#2");
    assertThat(body(box.next())).isEqualTo("e3#3");
  }

  @Test
  void aNumberedMessageInFlightAtADisconnectIsSentAgainWithItsNumberBeforeANewerOneOnItsTopic() {
    java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
    Outbox box = new Outbox(100, log::add);
    box.offer(sequenced(Lane.STATE, "s/a", "up", seq));
    Outbox.Entry sent = box.next();
    box.offer(sequenced(Lane.STATE, "s/a", "failed", seq));

    box.requeueInflight();

    // It may have reached the broker: dropping it now could leave seq 1 a gap with nothing lost.
    assertThat(box.waiting()).isEqualTo(2);
    assertThat(body(box.next())).isEqualTo(body(sent)).isEqualTo("up#1");
    assertThat(body(box.next())).isEqualTo("failed#2");
  }
}
