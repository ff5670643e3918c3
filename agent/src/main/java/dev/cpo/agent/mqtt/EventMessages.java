package dev.cpo.agent.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.mqtt.link.Lane;
import dev.cpo.agent.mqtt.link.OutboundMessage;
import dev.cpo.hal.EntityClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns agent events into messages: alarm raise/clear, protective actions and entity insert/remove on
 * {@code events} (QoS 1, not retained); raise/clear also set/clear {@code alarms/active/<id>} (retained;
 * an empty retained message clears); state changes on {@code state/<class>/<entity>} (retained, QoS 1).
 * Keeps the set of active root alarms, so a reconnect or rebirth can republish them.
 *
 * <p>Only root-cause and standalone alarms are published: symptoms have no events of their own; their
 * entities are in the root's {@code affected} field.
 */
final class EventMessages {

  private final Topics topics;
  private final Payloads payloads;
  private final Map<String, Alarm> active = new LinkedHashMap<>();
  /** Serial number and firmware of each laser module in place, as last published (a swap brings new ones). */
  private final Map<String, String[]> identities = new java.util.HashMap<>();
  private long inventoryChanges;
  private long inventoryChangedMillis;

  EventMessages(Topics topics, Payloads payloads) {
    this.topics = topics;
    this.payloads = payloads;
  }

  /** What a laser module's state messages carry as its serial number and firmware revision. */
  synchronized void identity(String entity, String serialNumber, String firmwareRevision) {
    identities.put(entity, new String[] {serialNumber, firmwareRevision});
  }

  /** A laser module that is not in place: its state messages carry no serial number or firmware. */
  synchronized void noIdentity(String entity) {
    identities.remove(entity);
  }

  /** The serial number and firmware revision of the unit in place, or {@code null} when none is. */
  synchronized Payloads.UnitIdentity identityOf(String entity) {
    String[] id = identities.get(entity);
    return id == null ? null : new Payloads.UnitIdentity(entity, id[0], id[1]);
  }

  /** Laser modules inserted or pulled since the agent started, and when the last was. */
  synchronized Payloads.InventoryChanges inventoryChanges() {
    return new Payloads.InventoryChanges(inventoryChanges, inventoryChangedMillis);
  }

  private void inventoryChanged(long timeMillis) {
    inventoryChanges++;
    inventoryChangedMillis = timeMillis;
  }

  /** Starts from the agent's current active alarms (roots only). */
  synchronized void seed(Collection<Alarm> alarms) {
    active.clear();
    for (Alarm a : alarms) {
      if (a.isRootCause() && a.active()) {
        active.put(a.id(), a);
      }
    }
  }

  /**
   * A retained alarm found on the broker (from an earlier run, or cleared while the broker was away):
   * the message that clears it, or {@code null} when the alarm is active or the message is already a clear.
   */
  synchronized OutboundMessage staleAlarmClear(String topic, byte[] payload) {
    String prefix = topics.base() + "alarms/active/";
    if (payload.length == 0 || !topic.startsWith(prefix)) {
      return null;
    }
    String id = Topics.decodeLevel(topic.substring(prefix.length()));
    if (active.containsKey(id)) {
      return null;
    }
    return OutboundMessage.of(Lane.ALARM, topic, new byte[0], 1, true);
  }

  synchronized List<Alarm> activeAlarms() {
    return List.copyOf(active.values());
  }

  /** The messages for one event, in publish order; empty for events MQTT does not carry. */
  synchronized List<OutboundMessage> translate(AgentEvent event) {
    List<OutboundMessage> out = new ArrayList<>(2);
    if (event instanceof AgentEvent.AlarmRaised r) {
      Alarm a = r.alarm();
      ObjectNode n = payloads.event("alarm-raised", r.seq(), r.timeMillis(), a.entity());
      Payloads.putAlarm(n, a);
      out.add(event(n));
      active.put(a.id(), a);
      out.add(activeAlarm(a));
    } else if (event instanceof AgentEvent.AlarmCleared c) {
      Alarm a = c.alarm();
      ObjectNode n = payloads.event("alarm-cleared", c.seq(), c.timeMillis(), a.entity());
      Payloads.putAlarm(n, a);
      out.add(event(n));
      active.remove(a.id());
      out.add(OutboundMessage.of(Lane.ALARM, topics.activeAlarm(a.id()), new byte[0], 1, true));
    } else if (event instanceof AgentEvent.ActionTaken t) {
      ObjectNode n = payloads.event("action-taken", t.seq(), t.timeMillis(), t.entity());
      n.put("action", t.action());
      n.put("policy", t.policy());
      n.put("reason", t.reason());
      if (t.alarmId() != null) {
        n.put("alarm_id", t.alarmId());
      }
      out.add(event(n));
    } else if (event instanceof AgentEvent.EntityAdded e) {
      ObjectNode n = entityEvent("entity-added", e.seq(), e.timeMillis(), e.entity(), e.entityClass());
      n.put("serial", e.serialNumber());
      n.put("firmware_rev", e.firmwareRevision());
      identities.put(e.entity(), new String[] {e.serialNumber(), e.firmwareRevision()});
      inventoryChanged(e.timeMillis());
      out.add(event(n));
    } else if (event instanceof AgentEvent.EntityRemoved e) {
      // The state message that says "absent" names no unit: the pulled one's serial is gone with it.
      identities.remove(e.entity());
      inventoryChanged(e.timeMillis());
      out.add(event(entityEvent("entity-removed", e.seq(), e.timeMillis(), e.entity(), e.entityClass())));
    } else if (event instanceof AgentEvent.StateChanged s) {
      String[] id = identities.get(s.entity());
      out.add(OutboundMessage.of(Lane.STATE, topics.state(s.entityClass(), s.entity()),
          payloads.state(s.entity(), s.entityClass(), s.after(), s.before(), s.timeMillis(),
              id == null ? null : id[0], id == null ? null : id[1]), 1, true));
    }
    // ThresholdChanged is not an MQTT topic: thresholds are configuration, served by SNMP and the control API.
    return out;
  }

  OutboundMessage activeAlarm(Alarm a) {
    return OutboundMessage.of(Lane.ALARM, topics.activeAlarm(a.id()), payloads.alarm(a), 1, true);
  }

  private ObjectNode entityEvent(String type, long seq, long ts, String entity, EntityClass entityClass) {
    ObjectNode n = payloads.event(type, seq, ts, entity);
    n.put("class", entityClass.key());
    return n;
  }

  private OutboundMessage event(ObjectNode n) {
    return OutboundMessage.of(Lane.EVENT, topics.events(), payloads.event(n), 1, false);
  }
}
