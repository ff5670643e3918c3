package dev.cpo.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTTP request into a routed service call and its result into a JSON response. Checks the
 * bearer token first when one is configured.
 */
final class ControlServerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(ControlServerHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ControlRouter router;
  private final byte[] expectedAuthorization;
  private final Map<String, StreamRoute> streamRoutes;

  /**
   * @param token the bearer token every request must carry, or empty for none
   */
  ControlServerHandler(ControlRouter router, String token) {
    this(router, token, Map.of());
  }

  /**
   * @param streamRoutes non-JSON GET routes by exact path
   */
  ControlServerHandler(ControlRouter router, String token, Map<String, StreamRoute> streamRoutes) {
    this.router = router;
    this.expectedAuthorization = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.streamRoutes = streamRoutes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    ControlRouter.Reply reply;
    StreamRoute stream = req.decoderResult().isSuccess() ? streamRoute(req) : null;
    if (!req.decoderResult().isSuccess()) {
      reply = ControlRouter.error(400, "invalid-request", "malformed HTTP request", null);
    } else if (!authorized(req)) {
      reply = ControlRouter.error(401, "unauthorized", "this API needs the header 'Authorization: Bearer <control.token>'", null);
    } else if (stream != null) {
      if (req.method() == HttpMethod.GET) {
        writeStream(ctx, req, stream);
        return;
      }
      reply = ControlRouter.error(405, "method-not-allowed", req.method() + " is not allowed here; allowed: GET", "GET");
    } else {
      byte[] body = ByteBufUtil.getBytes(req.content());
      reply = router.route(req.method().name(), req.uri(), body);
    }
    if (reply.status() >= 500) {
      LOG.warn("{} {} -> {} {}", req.method(), req.uri(), reply.status(), reply.body());
    } else {
      LOG.debug("{} {} -> {}", req.method(), req.uri(), reply.status());
    }
    write(ctx, req, reply);
  }

  private StreamRoute streamRoute(FullHttpRequest req) {
    if (streamRoutes.isEmpty()) {
      return null;
    }
    String uri = req.uri();
    int q = uri.indexOf('?');
    return streamRoutes.get(q < 0 ? uri : uri.substring(0, q));
  }

  /** Writes a stream route's body into a pooled buffer, so a large answer is not copied on the heap. */
  private static void writeStream(ChannelHandlerContext ctx, FullHttpRequest req, StreamRoute route) {
    String accept = req.headers().get(HttpHeaderNames.ACCEPT);
    ByteBuf buf = ctx.alloc().buffer();
    try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
      route.write(accept, out);
    } catch (IOException | RuntimeException e) {
      buf.release();
      LOG.error("GET {} failed", req.uri(), e);
      write(ctx, req, ControlRouter.error(500, "internal-error", e.toString(), null));
      return;
    }
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, buf);
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, route.contentType(accept));
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
    send(ctx, req, res);
  }

  private boolean authorized(FullHttpRequest req) {
    if (expectedAuthorization == null) {
      return true;
    }
    String given = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    // Constant-time comparison, so timing does not reveal how much of the token matched.
    return given != null && MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(ChannelHandlerContext ctx, FullHttpRequest req, ControlRouter.Reply reply) {
    byte[] bytes = bytes(reply.body());
    // Always answer as HTTP/1.1, whatever version a malformed request claimed.
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
        Unpooled.wrappedBuffer(bytes));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    if (reply.allow() != null) {
      res.headers().set(HttpHeaderNames.ALLOW, reply.allow());
    }
    if (reply.status() == 401) {
      res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"cpo-agent\"");
    }
    send(ctx, req, res);
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
    boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; reaching here is a bug worth a loud failure.
      throw new IllegalStateException("cannot serialise response", e);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("control API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
