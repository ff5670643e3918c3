package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.mqtt.link.OutboundMessage;
import dev.cpo.agent.testing.SimSnapshots;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.OperState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Payloads payloads = new Payloads("sw1");
  private final Topics topics = new Topics("sw1");

  @Test
  void everyEntitysTelemetryIsValidAndNamesItsUnits() throws Exception {
    HalSnapshot snap = SimSnapshots.at(1_700_000_000_000L);
    int published = 0;
    for (var e : snap.inventory().entities()) {
      SeqPayload sp = payloads.telemetry(snap, e);
      if (sp == null) {
        continue;
      }
      byte[] p = sp.number();
      published++;
      assertThat(Schemas.errors(MessageClass.TELEMETRY, p)).as(e.name()).isEmpty();
    }
    assertThat(published).isGreaterThan(30);
    JsonNode laser = JSON.readTree(payloads.telemetry(snap, snap.inventory().require("els4/laser3")).number());
    assertThat(laser.get("bias_ma").asDouble()).isGreaterThan(100);
    assertThat(laser.has("tx_power_dbm")).isTrue();
    // ts is when the entity's newest reading was sampled, within the snapshot's five simulated seconds.
    assertThat(laser.get("ts").asLong()).isBetween(1_700_000_000_000L, snap.timeMillis());
    assertThat(laser.get("entity").asText()).isEqualTo("els4/laser3");
  }

  @Test
  void everyReadingIsRoundedToItsSensorsResolutionWithNoFloatNoise() throws Exception {
    HalSnapshot snap = SimSnapshots.at(1_700_000_000_000L);
    int noisy = 0;
    int checked = 0;
    for (var e : snap.inventory().entities()) {
      SeqPayload sp = payloads.telemetry(snap, e);
      if (sp == null) {
        continue;
      }
      JsonNode t = JSON.readTree(sp.number());
      for (var s : snap.inventory().sensorsOf(e.name())) {
        if (!snap.available(s.index())) {
          continue;
        }
        double raw = snap.value(s.index());
        double sent = t.get(s.kind().telemetryKey()).asDouble();
        assertThat(sent).as(s.id()).isEqualTo(s.kind().round(raw));
        if (s.kind().decimals() >= 0) {
          // As printed, no more decimals than the sensor resolves (355.9, not 355.90000000000003).
          String text = t.get(s.kind().telemetryKey()).asText();
          int dot = text.indexOf('.');
          assertThat(dot < 0 ? 0 : text.length() - dot - 1).as(s.id() + " " + text)
              .isLessThanOrEqualTo(Math.max(1, s.kind().decimals()));
        }
        noisy += raw != sent ? 1 : 0;
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2000);
    // The simulator's readings carry binary noise past their resolution, so the rounding is doing work.
    assertThat(noisy).isGreaterThan(100);
  }

  @Test
  void anUnreadableSensorIsNullNotAStaleNumber() throws Exception {
    HalSnapshot snap = SimSnapshots.at(1_000L, "els4/laser3");
    byte[] p = payloads.telemetry(snap, snap.inventory().require("els4/laser3")).number();
    assertThat(JSON.readTree(p).get("bias_ma").isNull()).isTrue();
    assertThat(Schemas.errors(MessageClass.TELEMETRY, p)).isEmpty();
  }

  @Test
  void theTelemetrySchemaRejectsAReadingWithoutAUnit() {
    byte[] bad = "{\"v\":1,\"ts\":1,\"seq\":1,\"switch\":\"sw1\",\"entity\":\"asic1\",\"class\":\"asic\",\"temp\":55}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(Schemas.errors(MessageClass.TELEMETRY, bad)).isNotEmpty();
  }

  @Test
  void statusMetaStateAlarmAndResponseAreValid() {
    assertThat(Schemas.errors(MessageClass.STATUS, payloads.status(true, 1, 5))).isEmpty();
    assertThat(Schemas.errors(MessageClass.STATUS, payloads.status(false, 2, 5))).isEmpty();
    assertThat(Schemas.errors(MessageClass.META, payloads.meta(SimSnapshots.at(1_000L).inventory(), 1, "dev", 10_000, 5))).isEmpty();
    EntityStatus up = new EntityStatus(OperState.UP, "", 4, 800_000, true);
    EntityStatus degraded = new EntityStatus(OperState.DEGRADED, "", 3, 600_000, true);
    assertThat(Schemas.errors(MessageClass.STATE, payloads.state("port1", EntityClass.PORT, degraded, up, 5))).isEmpty();
    assertThat(Schemas.errors(MessageClass.ALARM, payloads.alarm(Alarms.biasHigh("els4/laser3", 5)))).isEmpty();
    assertThat(Schemas.errors(MessageClass.RESPONSE, payloads.response("rebirth", true, "done", 1, 5))).isEmpty();
  }

  @Test
  void aRaisedAndClearedAlarmGiveValidEventsWithConsecutiveSeqAndSetThenClearTheRetainedTopic() throws Exception {
    EventMessages events = new EventMessages(topics, payloads);
    Alarm raised = Alarms.laserFailure("els4/laser3", 1_000);
    List<OutboundMessage> up = events.translate(new AgentEvent.AlarmRaised(7, 1_000, raised));
    List<OutboundMessage> down = events.translate(new AgentEvent.AlarmCleared(9, 2_000, raised.cleared(2_000)));

    assertThat(up).extracting(OutboundMessage::topic)
        .containsExactly("cpo/v1/sw1/events", "cpo/v1/sw1/alarms/active/laser-failure%2Fels4%2Flaser3");
    assertThat(up.get(1).retained()).isTrue();
    assertThat(down.get(1).payload()).isEmpty();
    assertThat(down.get(1).retained()).isTrue();
    // Numbered as the outbox sends them, in this order.
    OutboundMessage raisedEvent = up.get(0).numbered();
    OutboundMessage clearedEvent = down.get(0).numbered();
    for (OutboundMessage m : List.of(raisedEvent, clearedEvent)) {
      assertThat(Schemas.errors(MessageClass.EVENT, m.payload())).isEmpty();
      assertThat(m.qos()).isEqualTo(1);
    }
    assertThat(Schemas.errors(MessageClass.ALARM, up.get(1).numbered().payload())).isEmpty();
    assertThat(JSON.readTree(raisedEvent.payload()).get("seq").asLong()).isEqualTo(1);
    assertThat(JSON.readTree(clearedEvent.payload()).get("seq").asLong()).isEqualTo(2);
    assertThat(JSON.readTree(clearedEvent.payload()).get("agent_seq").asLong()).isEqualTo(9);
    assertThat(events.activeAlarms()).isEmpty();
  }

  @Test
  void actionAndEntityEventsAreValid() {
    EventMessages events = new EventMessages(topics, payloads);
    List<OutboundMessage> out = new java.util.ArrayList<>();
    out.addAll(events.translate(new AgentEvent.ActionTaken(1, 5, "laser-disable", "els4/laser3", "laser-overcurrent",
        "bias above 180 mA", "laser.bias-highAlarm/els4/laser3")));
    out.addAll(events.translate(new AgentEvent.EntityRemoved(2, 6, "els4", EntityClass.LASER_MODULE)));
    out.addAll(events.translate(new AgentEvent.EntityAdded(3, 7, "els4", EntityClass.LASER_MODULE)));
    assertThat(out).hasSize(3)
        .allSatisfy(m -> assertThat(Schemas.errors(MessageClass.EVENT, m.numbered().payload())).isEmpty());
  }

  @Test
  void aPulledModulesStateNamesNoUnitAndTheInsertedOnesNamesItsOwn() throws Exception {
    EventMessages events = new EventMessages(topics, payloads);
    events.identity("els4", "EL2548X00001", "1.2.0");
    EntityStatus up = EntityStatus.of(OperState.UP);
    EntityStatus absent = EntityStatus.of(OperState.ABSENT);

    events.translate(new AgentEvent.EntityRemoved(1, 10, "els4", EntityClass.LASER_MODULE));
    JsonNode pulled = JSON.readTree(events.translate(
        new AgentEvent.StateChanged(2, 10, "els4", EntityClass.LASER_MODULE, up, absent)).get(0).numbered().payload());
    assertThat(events.identityOf("els4")).isNull();
    events.translate(new AgentEvent.EntityAdded(3, 20, "els4", EntityClass.LASER_MODULE, "EL2611X00002", "1.3.1"));
    JsonNode inserted = JSON.readTree(events.translate(
        new AgentEvent.StateChanged(4, 20, "els4", EntityClass.LASER_MODULE, absent, up)).get(0).numbered().payload());

    assertThat(pulled.get("state").asText()).isEqualTo("absent");
    assertThat(pulled.has("serial")).isFalse();
    assertThat(pulled.has("firmware_rev")).isFalse();
    assertThat(inserted.get("serial").asText()).isEqualTo("EL2611X00002");
    assertThat(inserted.get("firmware_rev").asText()).isEqualTo("1.3.1");
    assertThat(events.identityOf("els4").serialNumber()).isEqualTo("EL2611X00002");
    assertThat(events.inventoryChanges()).isEqualTo(new Payloads.InventoryChanges(2, 20));
  }

  @Test
  void theEventSchemaRejectsAnAlarmEventWithoutItsAlarm() {
    byte[] bad = ("{\"v\":1,\"ts\":1,\"seq\":1,\"switch\":\"sw1\",\"entity\":\"els4/laser3\",\"type\":\"alarm-raised\","
        + "\"agent_seq\":3}").getBytes(StandardCharsets.UTF_8);
    assertThat(Schemas.errors(MessageClass.EVENT, bad)).isNotEmpty();
  }
}
