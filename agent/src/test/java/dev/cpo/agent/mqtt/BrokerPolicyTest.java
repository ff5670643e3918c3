package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
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
