package dev.cpo.agent.mqtt;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in each embedded-broker connection between Moquette's MQTT decoder and its handler and refuses a
 * CONNECT that would act as the agent without its credentials: one with a reserved client id (MQTT
 * [MQTT-3.1.4-3] makes the broker disconnect the client already using an id, so an anonymous
 * {@code mosquitto_sub -i cpo-agent-sw1} would otherwise kick the agent off, again and again) or one
 * whose will would publish on an agent-only topic (Moquette checks a publish against its authorizer,
 * but not a will; that CONNECT gets "not authorized"). Moquette calls its authenticator only for a CONNECT with a user name, so this check
 * must come before Moquette sees the CONNECT: the refused client gets CONNACK 0x85 (MQTT 5, "client
 * identifier not valid") or 2 (3.1.1, "identifier rejected") and the agent's session is untouched.
 * It also answers a refused publish itself (see {@link #refusedPublish}).
 */
@ChannelHandler.Sharable
final class ClientIdGuard extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ClientIdGuard.class);

  /** MQTT 5 reason code 0x87, "not authorized". */
  private static final byte NOT_AUTHORIZED = (byte) 0x87;
  private static final AttributeKey<Boolean> AGENT = AttributeKey.valueOf("cpo-agent-connection");
  private static final AttributeKey<Boolean> V5 = AttributeKey.valueOf("cpo-mqtt-5");

  private final BrokerPolicy policy;
  private final AtomicLong refused = new AtomicLong();

  ClientIdGuard(BrokerPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MqttConnectMessage connect) {
      Refusal why = refusal(connect);
      if (why != null) {
        ReferenceCountUtil.release(msg);
        refuse(ctx, connect, why);
        return;
      }
      ctx.channel().attr(AGENT).set(isAgent(connect));
      ctx.channel().attr(V5).set(connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel());
    } else if (msg instanceof MqttPublishMessage publish && refusedPublish(ctx, publish)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * A QoS 0 or 1 publish by anyone but the agent to an agent-only topic: dropped here, with the PUBACK
   * Moquette would not send (its authorizer drops the message without one, so {@code mosquitto_pub -q 1}
   * would wait forever): MQTT 5 reason 0x87 "not authorized"; an MQTT 3.1.1 PUBACK cannot say so. A
   * publish by topic alias only, or QoS 2, goes on to Moquette's authorizer, which drops it too.
   */
  private boolean refusedPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
    String topic = publish.variableHeader().topicName();
    MqttQoS qos = publish.fixedHeader().qosLevel();
    if (Boolean.TRUE.equals(ctx.channel().attr(AGENT).get()) || topic == null || !BrokerPolicy.agentOnly(topic)
        || qos == MqttQoS.EXACTLY_ONCE) {
      return false;
    }
    policy.countRefusedPublish(topic, String.valueOf(ctx.channel().remoteAddress()));
    if (qos == MqttQoS.AT_LEAST_ONCE) {
      MqttMessageBuilders.PubAckBuilder ack = MqttMessageBuilders.pubAck()
          .packetId(publish.variableHeader().packetId());
      if (Boolean.TRUE.equals(ctx.channel().attr(V5).get())) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
            "only the agent publishes under cpo/v1/ (commands excepted)"));
        ack.reasonCode(NOT_AUTHORIZED).properties(props);
      }
      ctx.writeAndFlush(ack.build());
    }
    return true;
  }

  private boolean isAgent(MqttConnectMessage connect) {
    return connect.variableHeader().hasUserName() && connect.variableHeader().hasPassword()
        && policy.agent().matches(connect.payload().userName(), connect.payload().passwordInBytes());
  }

  /** Why a CONNECT is refused: its text (the MQTT 5 reason string) and CONNACK codes. */
  record Refusal(String text, MqttConnectReturnCode v5, MqttConnectReturnCode v3) {}

  /** Why this CONNECT must be refused, or {@code null} when it may go on to Moquette. */
  Refusal refusal(MqttConnectMessage connect) {
    if (isAgent(connect)) {
      return null;
    }
    String clientId = connect.payload().clientIdentifier();
    if (clientId != null && policy.reserved(clientId)) {
      return new Refusal("client id " + clientId + " is reserved for the agent",
          MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID,
          MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
    }
    if (connect.variableHeader().isWillFlag() && BrokerPolicy.agentOnly(connect.payload().willTopic())) {
      return new Refusal("a will on " + connect.payload().willTopic() + " (only the agent publishes there)",
          MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
          MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }
    return null;
  }

  private void refuse(ChannelHandlerContext ctx, MqttConnectMessage connect, Refusal why) {
    long n = refused.incrementAndGet();
    String remote = String.valueOf(ctx.channel().remoteAddress());
    if (n == 1 || n % 1000 == 0) {
      LOG.warn("embedded MQTT broker: refused a CONNECT from {}: {} (refused so far: {})", remote, why.text(), n);
    } else {
      LOG.debug("embedded MQTT broker: refused a CONNECT from {}: {}", remote, why.text());
    }
    boolean v5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
    MqttMessageBuilders.ConnAckBuilder ack = MqttMessageBuilders.connAck().sessionPresent(false);
    if (v5) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), why.text()));
      ack.returnCode(why.v5()).properties(props);
    } else {
      ack.returnCode(why.v3());
    }
    ctx.writeAndFlush(ack.build()).addListener(ChannelFutureListener.CLOSE);
  }

  /** CONNECTs refused so far. */
  long refused() {
    return refused.get();
  }
}
