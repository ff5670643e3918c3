package dev.cpo.agent.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTTP request into a {@link Request}, passes it through the {@link RequestGuard} and the
 * routes, and writes the {@link Response}: a full response, or for an event stream the headers and then
 * each event as a chunk until either side closes. Closes a connection idle past the configured timeout.
 */
final class ControlServerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(ControlServerHandler.class);

  private final ControlRouter router;
  private final RequestGuard guard;
  private StreamingClient streaming;

  ControlServerHandler(ControlRouter router, RequestGuard guard) {
    this.router = router;
    this.guard = guard;
  }

  /** With no token, loopback bind, no extra host names (tests). */
  ControlServerHandler(ControlRouter router, String token) {
    this(router, new RequestGuard(new ControlConfig("127.0.0.1", 0, token)));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (streaming != null) {
      // An event stream's client has nothing more to ask on this connection.
      ctx.close();
      return;
    }
    boolean head = req.method().equals(HttpMethod.HEAD);
    Response res = answer(req);
    if (res.status() >= 500) {
      LOG.warn("{} {} -> {} {}", req.method(), abbreviated(req.uri()), res.status(), res.bodyText());
    } else {
      LOG.debug("{} {} -> {}", req.method(), abbreviated(req.uri()), res.status());
    }
    if (res.events() != null && !head) {
      stream(ctx, req, res);
    } else {
      write(ctx, req, res, head);
    }
  }

  private Response answer(FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      Throwable cause = req.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        return Response.error(414, "uri-too-long", "the request line is longer than "
            + ControlServerInitializer.MAX_INITIAL_LINE_BYTES + " bytes");
      }
      if (cause instanceof TooLongHttpHeaderException) {
        return Response.error(431, "headers-too-large", "the request headers are larger than "
            + ControlServerInitializer.MAX_HEADER_BYTES + " bytes");
      }
      if (cause instanceof TooLongFrameException) {
        return Response.error(413, "too-large", "the request is larger than "
            + ControlServerInitializer.MAX_CONTENT_BYTES + " bytes");
      }
      return Response.error(400, "invalid-request", "malformed HTTP request");
    }
    Request request;
    try {
      request = Request.of(req.method().name(), req.uri(), headers(req), ByteBufUtil.getBytes(req.content()));
    } catch (ApiException e) {
      return Response.error(e.status(), e.error(), e.detail());
    }
    Response refused = guard.check(request, req.protocolVersion().equals(HttpVersion.HTTP_1_0));
    return refused != null ? refused : router.route(request);
  }

  private static Map<String, List<String>> headers(FullHttpRequest req) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : req.headers()) {
      out.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    return out;
  }

  private static void write(ChannelHandlerContext ctx, FullHttpRequest req, Response res, boolean head) {
    ByteBuf content;
    int length;
    if (res.writer() != null) {
      content = ctx.alloc().buffer();
      try (ByteBufOutputStream body = new ByteBufOutputStream(content)) {
        res.writer().writeTo(body);
      } catch (IOException | RuntimeException e) {
        content.release();
        LOG.error("{} {} failed while writing its body", req.method(), abbreviated(req.uri()), e);
        write(ctx, req, Response.error(500, "internal-error", "the response body could not be written"), head);
        return;
      }
      length = content.readableBytes();
      if (head) {
        content.release();
        content = Unpooled.EMPTY_BUFFER;
      }
    } else {
      byte[] bytes = res.rawBody();
      length = bytes.length;
      content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
    }
    // Always answer as HTTP/1.1, whatever version a malformed request claimed.
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(res.status()),
        content);
    if (res.contentType() != null) {
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, res.contentType());
    }
    if (res.status() != 204 && res.status() != 304) {
      // HEAD tells the length the GET would have (RFC 9110 section 9.3.2).
      out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
    }
    res.headers().forEach((k, v) -> out.headers().set(k, v));
    boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
    if (keepAlive) {
      out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(out);
    } else {
      out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void stream(ChannelHandlerContext ctx, FullHttpRequest req, Response res) {
    HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    out.headers().set(HttpHeaderNames.CONTENT_TYPE, res.contentType());
    out.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    res.headers().forEach((k, v) -> out.headers().set(k, v));
    if (req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      // No chunked encoding in HTTP/1.0: the stream ends when the connection does.
      out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else {
      HttpUtil.setTransferEncodingChunked(out, true);
    }
    ctx.writeAndFlush(out);
    streaming = new StreamingClient(ctx, res.events(), res.lastEventId());
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (streaming != null && ctx.channel().isWritable()) {
      streaming.drain();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (streaming != null) {
      streaming.detach();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      LOG.debug("control API connection {} idle; closing it", ctx.channel().remoteAddress());
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("control API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private static String abbreviated(String uri) {
    return uri.length() <= 200 ? uri : uri.substring(0, 200) + "...";
  }

  /** One event-stream client on this connection: drains its bounded queue as the socket takes it. */
  private static final class StreamingClient implements EventStream.Sink {
    private final ChannelHandlerContext ctx;
    private final EventStream.Client client;
    private final ScheduledFuture<?> keepAlive;

    StreamingClient(ChannelHandlerContext ctx, EventStream stream, String lastEventId) {
      this.ctx = ctx;
      this.client = stream.attach(this, lastEventId);
      long ms = stream.keepAlive().toMillis();
      this.keepAlive = ctx.executor().scheduleAtFixedRate(client::keepAlive, ms, ms,
          TimeUnit.MILLISECONDS);
      drain();
    }

    @Override
    public void wake() {
      ctx.executor().execute(this::drain);
    }

    @Override
    public void close() {
      ctx.executor().execute(ctx::close);
    }

    /** Writes queued events while the socket takes them; the rest wait for writability. */
    void drain() {
      boolean wrote = false;
      byte[] frame;
      while (ctx.channel().isWritable() && (frame = client.poll()) != null) {
        // A view of the stream's shared bytes: encoded once for every client.
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(frame)));
        wrote = true;
      }
      if (wrote) {
        ctx.flush();
      }
    }

    void detach() {
      keepAlive.cancel(false);
      client.detach();
    }
  }
}
