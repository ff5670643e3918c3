package dev.cpo.agent.control;

import java.util.Map;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** The pipeline of one control API connection: HTTP codec, a bounded aggregator, the handler. */
public final class ControlServerInitializer extends ChannelInitializer<SocketChannel> {

  /** Largest request body accepted; a fault or settings request is a few hundred bytes. */
  public static final int MAX_CONTENT_BYTES = 64 * 1024;

  private final ControlRouter router;
  private final String token;
  private final Map<String, StreamRoute> streamRoutes;

  ControlServerInitializer(ControlRouter router, String token, Map<String, StreamRoute> streamRoutes) {
    this.router = router;
    this.token = token;
    this.streamRoutes = streamRoutes;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(new HttpServerCodec());
    // Larger bodies get 413 from the aggregator and the connection closes.
    p.addLast(new HttpObjectAggregator(MAX_CONTENT_BYTES));
    p.addLast(new ControlServerHandler(router, token, streamRoutes));
  }
}
