package dev.cpo.agent.mqtt;

import io.moquette.broker.Server;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioEventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link ClientIdGuard} and a {@link ConnectGate} into every connection Moquette 0.18.3 accepts.
 * Moquette has no hook that runs before it takes over a session (its authenticator is skipped for
 * anonymous clients, its interceptors are told after the fact) and does not expose its Netty pipeline, so
 * this finds its listening channel (the NIO transport, which {@link EmbeddedBroker} selects with
 * {@code netty.native=false}) through the boss event loop's selector and adds, in front of Netty's
 * acceptor, a handler that gives each accepted channel the guard and the gate right before Moquette's
 * {@code handler}. Reflection on private members ({@code Server.acceptor} -> {@code bossGroup},
 * {@code NioEventLoop.unwrappedSelector()}, {@code MQTTConnection.isConnected()}) of pinned versions; a
 * failure stops the broker from starting (it never runs unguarded), and {@code EmbeddedBrokerSecurityIT}
 * shows the guard with a real client, {@code EmbeddedBrokerIT} the gate.
 */
final class GuardInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(GuardInstaller.class);

  /** The name Moquette gives its MQTT handler in each connection's pipeline. */
  static final String MOQUETTE_HANDLER = "handler";
  static final String GUARD = "cpo-client-id-guard";
  static final String ACCEPT_HOOK = "cpo-accept-hook";

  private GuardInstaller() {}

  static void install(Server server, int port, ClientIdGuard guard) throws IOException {
    try {
      ConnectGate.check();
      Field acceptorField = Server.class.getDeclaredField("acceptor");
      acceptorField.setAccessible(true);
      Object acceptor = acceptorField.get(server);
      Field bossField = acceptor.getClass().getDeclaredField("bossGroup");
      bossField.setAccessible(true);
      EventLoopGroup boss = (EventLoopGroup) bossField.get(acceptor);
      Method selectorOf = NioEventLoop.class.getDeclaredMethod("unwrappedSelector");
      selectorOf.setAccessible(true);
      for (EventExecutor executor : boss) {
        if (!(executor instanceof NioEventLoop loop)) {
          throw new IOException("Moquette's listener is not on Netty's NIO transport but " + executor.getClass());
        }
        // The selector's key set is the event loop's own: read it there. The hook is added there too: on its
        // own loop Netty calls handlerAdded at once, where from another thread it queues that call and until
        // it has run passes accepted channels by the hook (a client connecting right after start() returned
        // was served unguarded, and without the gate).
        ServerChannel listener = loop.submit(() -> {
          ServerChannel found = listener((Selector) selectorOf.invoke(loop), port);
          if (found != null) {
            found.pipeline().addFirst(ACCEPT_HOOK, new AcceptHook(guard));
          }
          return found;
        }).get(5, TimeUnit.SECONDS);
        if (listener != null) {
          int closed = closeUnguarded(acceptor, port, selectorOf);
          LOG.debug("client-id guard installed on {} ({} earlier connections closed)", listener, closed);
          return;
        }
      }
      throw new IOException("no listening channel on port " + port + " in Moquette's event loops");
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot guard the embedded broker's client ids (Moquette internals changed?): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while guarding the embedded broker", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("cannot guard the embedded broker's client ids: " + e, e);
    }
  }

  /**
   * Closes the connections Moquette accepted between binding its port and the hook's install: they have
   * neither guard nor gate. Each worker loop is swept on itself, after the registrations the boss loop
   * handed it before the hook went in (a loop runs its tasks in order), so none is missed.
   */
  private static int closeUnguarded(Object acceptor, int port, Method selectorOf) throws ReflectiveOperationException,
      IOException, InterruptedException, java.util.concurrent.ExecutionException,
      java.util.concurrent.TimeoutException {
    Field workerField = acceptor.getClass().getDeclaredField("workerGroup");
    workerField.setAccessible(true);
    EventLoopGroup workers = (EventLoopGroup) workerField.get(acceptor);
    int closed = 0;
    for (EventExecutor executor : workers) {
      if (!(executor instanceof NioEventLoop loop)) {
        throw new IOException("Moquette's connections are not on Netty's NIO transport but " + executor.getClass());
      }
      closed += loop.submit(() -> {
        int n = 0;
        for (SelectionKey key : ((Selector) selectorOf.invoke(loop)).keys()) {
          if (key.attachment() instanceof Channel ch && !(ch instanceof ServerChannel)
              && ch.localAddress() instanceof InetSocketAddress a && a.getPort() == port
              && ch.pipeline().get(GUARD) == null) {
            LOG.warn("embedded MQTT broker: closing {}, accepted before the client-id guard was in place",
                ch.remoteAddress());
            ch.close();
            n++;
          }
        }
        return n;
      }).get(5, TimeUnit.SECONDS);
    }
    return closed;
  }

  private static ServerChannel listener(Selector selector, int port) {
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof ServerChannel ch && ch.localAddress() instanceof InetSocketAddress a
          && a.getPort() == port) {
        return ch;
      }
    }
    return null;
  }

  /** On the listening channel: each accepted channel gets a {@link Placer} before Moquette's initializer. */
  private static final class AcceptHook extends ChannelInboundHandlerAdapter {
    private final ClientIdGuard guard;

    AcceptHook(ClientIdGuard guard) {
      this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Channel child) {
        child.pipeline().addLast(new Placer(guard));
      }
      ctx.fireChannelRead(msg);
    }
  }

  /**
   * Netty runs every pending {@code handlerAdded} (Moquette's initializer builds the pipeline there)
   * before it fires {@code channelRegistered}: at that point the pipeline is complete and the guard can
   * go right before Moquette's handler. A pipeline without it is closed, never served unguarded.
   */
  private static final class Placer extends ChannelInboundHandlerAdapter {
    private final ChannelHandler guard;

    Placer(ChannelHandler guard) {
      this.guard = guard;
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
      ChannelPipeline p = ctx.pipeline();
      if (p.get(MOQUETTE_HANDLER) == null) {
        LOG.error("embedded MQTT broker: no '{}' in the connection's pipeline {}; closing it", MOQUETTE_HANDLER,
            p.names());
        ctx.channel().close();
        return;
      }
      p.addBefore(MOQUETTE_HANDLER, GUARD, guard);
      p.addBefore(MOQUETTE_HANDLER, ConnectGate.NAME, new ConnectGate());
      ctx.fireChannelRegistered();
      p.remove(this);
    }
  }
}
