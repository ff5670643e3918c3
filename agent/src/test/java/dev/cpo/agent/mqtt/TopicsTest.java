package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.EntityClass;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopicsTest {

  private final Topics topics = new Topics("sw1");

  @Test
  void anAlarmIdIsOneTopicLevelThatAnyUrlDecoderReverses() {
    String id = "laser-failure/els4/laser3";
    String topic = topics.activeAlarm(id);
    assertThat(topic).isEqualTo("cpo/v1/sw1/alarms/active/laser-failure%2Fels4%2Flaser3");
    String level = topic.substring(topic.lastIndexOf('/') + 1);
    assertThat(Topics.decodeLevel(level)).isEqualTo(id);
    assertThat(URLDecoder.decode(level, StandardCharsets.UTF_8)).isEqualTo(id);
  }

  @Test
  void wildcardsPercentAndNonAsciiSurviveTheRoundTrip() {
    String id = "odd+cond#/x%y/température";
    String level = Topics.encodeLevel(id);
    assertThat(level).doesNotContain("/", "+", "#");
    assertThat(Topics.decodeLevel(level)).isEqualTo(id);
  }

  @Test
  void entityNamesKeepTheirHierarchyAsTopicLevels() {
    assertThat(topics.telemetry(EntityClass.LASER, "els3/laser5")).isEqualTo("cpo/v1/sw1/telemetry/laser/els3/laser5");
    assertThat(topics.state(EntityClass.LANE, "port42/lane3")).isEqualTo("cpo/v1/sw1/state/lane/port42/lane3");
    assertThat(topics.command("rebirth")).isEqualTo("cpo/v1/sw1/cmd/rebirth");
  }
}
