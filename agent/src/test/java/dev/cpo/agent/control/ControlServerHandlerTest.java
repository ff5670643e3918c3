package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler in a Netty-less channel: requests in, JSON responses out. */
class ControlServerHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatedSwitch sim = RealSwitch.create();
  private final ControlService service = ControlService.builder()
      .telemetry(RealSwitch.snapshots(sim))
      .simulator(sim)
      .components(() -> Map.of("simulator", "running"))
      .build();
  private EmbeddedChannel channel = new EmbeddedChannel(new ControlServerHandler(new ControlRouter(service), ""));

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
    sim.close();
  }

  @Test
  void aGetIsAnsweredWithJsonAndKeepsTheConnection() throws Exception {
    FullHttpResponse res = send(HttpMethod.GET, "/api/v1/health", null, null);

    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
    assertThat(body(res).path("components").path("simulator").asText()).isEqualTo("running");
    assertThat(channel.isOpen()).isTrue();
    res.release();
  }

  @Test
  void aPostedFaultIsCreatedWith201() throws Exception {
    FullHttpResponse res = send(HttpMethod.POST, "/api/v1/faults", "{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}", null);

    assertThat(res.status().code()).isEqualTo(201);
    assertThat(body(res).path("id").asText()).isNotBlank();
    assertThat(sim.faults().active()).hasSize(1);
    res.release();
  }

  @Test
  void aWrongMethodGets405WithTheAllowedOnes() throws Exception {
    FullHttpResponse res = send(HttpMethod.DELETE, "/api/v1/inventory", null, null);

    assertThat(res.status().code()).isEqualTo(405);
    assertThat(res.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
    assertThat(body(res).path("error").asText()).isEqualTo("method-not-allowed");
    res.release();
  }

  @Test
  void withATokenConfiguredARequestWithoutItGets401AndChangesNothing() throws Exception {
    channel.finishAndReleaseAll();
    channel = new EmbeddedChannel(new ControlServerHandler(new ControlRouter(service), "s3cret-s3cret-s3cret"));

    FullHttpResponse res = send(HttpMethod.POST, "/api/v1/faults", "{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}", null);

    assertThat(res.status().code()).isEqualTo(401);
    assertThat(res.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Bearer");
    assertThat(body(res).path("error").asText()).isEqualTo("unauthorized");
    assertThat(sim.faults().active()).isEmpty();
    res.release();
  }

  @Test
  void withATokenConfiguredTheRightBearerIsServedAndAWrongOneIsNot() throws Exception {
    channel.finishAndReleaseAll();
    channel = new EmbeddedChannel(new ControlServerHandler(new ControlRouter(service), "s3cret-s3cret-s3cret"));

    FullHttpResponse ok = send(HttpMethod.GET, "/api/v1/faults", null, "Bearer s3cret-s3cret-s3cret");
    FullHttpResponse wrong = send(HttpMethod.GET, "/api/v1/faults", null, "Bearer s3cre");

    assertThat(ok.status().code()).isEqualTo(200);
    assertThat(wrong.status().code()).isEqualTo(401);
    ok.release();
    wrong.release();
  }

  @Test
  void aWrittenBodyGoesOutWithItsLengthAndAFailureWhileWritingBecomesA500() throws Exception {
    Routes routes = new Routes();
    routes.get("/big", req -> Response.written(200, "text/plain; charset=utf-8",
        out -> out.write("x".repeat(100_000).getBytes(StandardCharsets.UTF_8))));
    routes.get("/broken", req -> Response.written(200, "text/plain; charset=utf-8", out -> {
      out.write('x');
      throw new java.io.IOException("disk on fire");
    }));
    channel.finishAndReleaseAll();
    channel = new EmbeddedChannel(new ControlServerHandler(new ControlRouter(service, routes), ""));

    FullHttpResponse big = send(HttpMethod.GET, "/big", null, null);
    assertThat(big.status().code()).isEqualTo(200);
    assertThat(big.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(100_000);
    assertThat(big.content().readableBytes()).isEqualTo(100_000);
    big.release();
    FullHttpResponse head = send(HttpMethod.HEAD, "/big", null, null);
    assertThat(head.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(100_000);
    assertThat(head.content().readableBytes()).isZero();
    head.release();

    FullHttpResponse broken = send(HttpMethod.GET, "/broken", null, null);
    assertThat(broken.status().code()).isEqualTo(500);
    assertThat(body(broken).path("error").asText()).isEqualTo("internal-error");
    assertThat(body(broken).toString()).doesNotContain("disk on fire");
    broken.release();
  }

  private FullHttpResponse send(HttpMethod method, String uri, String body, String authorization) {
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
        body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    req.headers().set(HttpHeaderNames.HOST, "127.0.0.1:8161");
    if (body != null || method.equals(HttpMethod.DELETE)) {
      req.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    }
    if (authorization != null) {
      req.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
    }
    channel.writeInbound(req);
    return channel.readOutbound();
  }

  private static JsonNode body(FullHttpResponse res) throws Exception {
    return JSON.readTree(ByteBufUtil.getBytes(res.content()));
  }
}
