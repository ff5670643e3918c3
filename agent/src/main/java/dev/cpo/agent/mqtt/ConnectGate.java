package dev.cpo.agent.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what a client sends after its CONNECT until Moquette has finished connecting it, then hands it on
 * in order and leaves the pipeline.
 *
 * <p>MQTT lets a client send packets right after CONNECT, without waiting for the CONNACK (MQTT 3.1.1 and
 * MQTT 5, section 3.1.4). Moquette 0.18.3 marks a connection connected only in a listener on the CONNACK's
 * write, added by its session thread after the write was started: when the write has already completed,
 * Netty runs that listener as a later task on the connection's event loop. A SUBSCRIBE read before that
 * task (a pipelining client, or a fast one on loopback that got the CONNACK in the meantime) is taken for
 * one "on already closed connection", and Moquette drops the connection. {@code mosquitto_rr} then
 * fails with "The connection was lost"; {@code mosquitto_sub} reconnects and hides it. About 3 % of
 * {@code mosquitto_sub} connects on loopback hit it.
 *
 * <p>Per connection, between {@link ClientIdGuard} and Moquette's handler. While holding, reading from the
 * socket is paused, so what is held is at most what one read decoded; a connection Moquette refuses or
 * closes drops what was held. Moquette's connection state is package-private: it is read through its
 * {@code isConnected()} of the pinned version, checked when the broker starts ({@link #check()}).
 */
final class ConnectGate extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectGate.class);

  static final String NAME = "cpo-connect-gate";

  /** The channel attribute under which Moquette's handler keeps its connection object. */
  private static final AttributeKey<Object> MOQUETTE_CONNECTION = AttributeKey.valueOf("connection");
  private static final MethodHandle IS_CONNECTED = isConnected();
  /** How often a held connection looks again: Moquette's task is queued microseconds after the CONNACK. */
  private static final long RECHECK_MICROS = 200;
  /**
   * How long a CONNECT may stay unanswered before the connection is closed. Moquette's own idle timeout
   * (reads are paused, so it fires) normally closes such a connection first.
   */
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final ArrayDeque<Object> held = new ArrayDeque<>();
  private boolean connectSeen;
  private long connectNanos;

  /** Fails when Moquette's internals this gate reads are not there (a changed version): the broker does not start. */
  static void check() {
    if (IS_CONNECTED == null) {
      throw new IllegalStateException("Moquette has no MQTTConnection.isConnected() to wait for (version changed?)");
    }
  }

  private static MethodHandle isConnected() {
    try {
      Class<?> connection = Class.forName("io.moquette.broker.MQTTConnection");
      var m = connection.getDeclaredMethod("isConnected");
      m.setAccessible(true);
      return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(boolean.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.error("cannot read Moquette's connection state: {}", e.toString());
      return null;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!connectSeen) {
      if (msg instanceof MqttConnectMessage) {
        connectSeen = true;
        connectNanos = System.nanoTime();
      }
      ctx.fireChannelRead(msg);
    } else if (held.isEmpty() && moquetteConnected(ctx)) {
      open(ctx);
      ctx.fireChannelRead(msg);
    } else {
      if (held.isEmpty()) {
        ctx.channel().config().setAutoRead(false);
        schedule(ctx);
      }
      held.add(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (held.isEmpty()) {
      ctx.fireChannelReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    drop();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    drop();
  }

  private void schedule(ChannelHandlerContext ctx) {
    ctx.executor().schedule(() -> recheck(ctx), RECHECK_MICROS, TimeUnit.MICROSECONDS);
  }

  private void recheck(ChannelHandlerContext ctx) {
    if (held.isEmpty() || ctx.isRemoved()) {
      return;
    }
    if (!ctx.channel().isActive()) {
      drop();
    } else if (moquetteConnected(ctx)) {
      while (!held.isEmpty()) {
        ctx.fireChannelRead(held.poll());
      }
      ctx.fireChannelReadComplete();
      ctx.channel().config().setAutoRead(true);
      open(ctx);
    } else if (System.nanoTime() - connectNanos > GIVE_UP_NANOS) {
      LOG.warn("embedded MQTT broker: {} was not connected {} s after its CONNECT; closing it",
          ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS));
      drop();
      ctx.channel().close();
    } else {
      schedule(ctx);
    }
  }

  /** Moquette has connected the client: nothing more to hold, and the gate leaves the pipeline. */
  private void open(ChannelHandlerContext ctx) {
    ctx.pipeline().remove(this);
  }

  private void drop() {
    Object m;
    while ((m = held.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }

  private static boolean moquetteConnected(ChannelHandlerContext ctx) {
    Object connection = ctx.channel().attr(MOQUETTE_CONNECTION).get();
    if (connection == null) {
      return false;
    }
    try {
      return (boolean) IS_CONNECTED.invokeExact(connection);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot read Moquette's connection state", t);
    }
  }
}
