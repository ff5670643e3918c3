package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerPolicyTest {

  private final AgentCredentials agent = AgentCredentials.random();
  private final BrokerPolicy policy = new BrokerPolicy(agent);

  @Test
  void everythingUnderCpoV1ButCommandsIsTheAgentsAlone() {
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1/status")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1/alarms/active/laser-failure%2Fels1%2Flaser1")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw2/state/laser/els3/laser5")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1/cmd/rebirth")).isFalse();
    assertThat(BrokerPolicy.agentOnly("replies/me")).isFalse();
    assertThat(BrokerPolicy.agentOnly("cpo/v2/sw1/status")).isFalse();
    // The edges are where the levels say, not where the characters do.
    assertThat(BrokerPolicy.agentOnly("cpo/v1")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1/cmd")).isFalse();
    assertThat(BrokerPolicy.agentOnly("cpo/v1//cmd/x")).isFalse();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1/cmdx")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1/cm")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1/sw1/x/cmd")).isTrue();
    assertThat(BrokerPolicy.agentOnly("cpo/v1x/sw1/status")).isFalse();
    assertThat(BrokerPolicy.agentOnly("cpo/v")).isFalse();
    assertThat(BrokerPolicy.agentOnly("/cpo/v1/sw1/status")).isFalse();
  }

  /** Every topic of up to five levels over a small alphabet, against the rule read level by level. */
  @Test
  void theRuleHoldsForEveryTopicOfUpToFiveLevels() {
    String[] tokens = {"cpo", "v1", "v2", "cmd", "cmdx", "cm", "sw1", "", "v1x"};
    List<String> topics = new ArrayList<>(List.of(tokens));
    List<String> level = List.of(tokens);
    for (int depth = 2; depth <= 5; depth++) {
      List<String> next = new ArrayList<>();
      for (String prefix : level) {
        for (String t : tokens) {
          next.add(prefix + "/" + t);
        }
      }
      topics.addAll(next);
      level = next;
    }
    assertThat(topics).hasSize(9 + 81 + 729 + 6561 + 59049);
    for (String topic : topics) {
      assertThat(BrokerPolicy.agentOnly(topic)).as(topic).isEqualTo(byLevels(topic));
    }
  }

  private static boolean byLevels(String topic) {
    String[] levels = topic.split("/", -1);
    boolean underRoot = levels.length >= 2 && levels[0].equals("cpo") && levels[1].equals("v1");
    return underRoot && !(levels.length >= 4 && levels[3].equals("cmd"));
  }

  @Test
  void onlyTheAgentWritesItsTopicsAndAnyoneReads() {
    Topic status = Topic.asTopic("cpo/v1/sw1/status");

    assertThat(policy.canWrite(status, agent.username(), "cpo-agent-sw1")).isTrue();
    assertThat(policy.canWrite(status, null, "mosquitto_pub_1")).isFalse();
    assertThat(policy.canWrite(Topic.asTopic("cpo/v1/sw1/cmd/rebirth"), null, "mosquitto_pub_1")).isTrue();
    assertThat(policy.canRead(status, null, "mosquitto_sub_1")).isTrue();
    assertThat(policy.refusedPublishes()).isEqualTo(1);
  }

  @Test
  void credentialsOtherThanTheAgentsAreRefused() {
    byte[] right = agent.password().getBytes(StandardCharsets.UTF_8);

    assertThat(policy.checkValid("cpo-agent-sw1", agent.username(), right)).isTrue();
    assertThat(policy.checkValid("cpo-agent-sw1", agent.username(), "guess".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(policy.checkValid("x", "someone", right)).isFalse();
    assertThat(agent.toString()).doesNotContain(agent.password());
  }
}
