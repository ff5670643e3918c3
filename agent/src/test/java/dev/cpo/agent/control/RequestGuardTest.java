package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks every request passes before a route sees it: Host, Origin, token, content type. */
class RequestGuardTest {

  private static final String TOKEN = "0123456789abcdef-token";

  private final RequestGuard open = new RequestGuard(new ControlConfig("127.0.0.1", 8161, ""));
  private final RequestGuard withToken = new RequestGuard(new ControlConfig("127.0.0.1", 8161, TOKEN));

  @Test
  void loopbackNamesAndAddressesAreAcceptedAsHost() {
    for (String host : new String[] {"127.0.0.1:8161", "localhost:8161", "LOCALHOST", "[::1]:8161", "127.0.0.2",
        "localhost.:8161"}) {
      assertThat(open.check(get("/api/v1/health", "Host", host), false)).as(host).isNull();
    }
  }

  @Test
  void aForeignHostIsRefusedSoDnsRebindingCannotReachTheApi() {
    Response r = open.check(get("/api/v1/faults", "Host", "evil.example:8161"), false);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).contains("host-not-allowed").contains("evil.example:8161").contains("control.allowedHosts");
    assertThat(open.check(get("/api/v1/faults", "Host", "127.0.0.1.evil.example"), false).status()).isEqualTo(403);
    assertThat(open.check(get("/api/v1/faults", "Host", "10.0.0.5:8161"), false).status()).isEqualTo(403);
  }

  @Test
  void aConfiguredNameIsAcceptedAsHost() {
    RequestGuard g = new RequestGuard(new ControlConfig("127.0.0.1", 8161, "", List.of("agent.lab"), 60));

    assertThat(g.check(get("/", "Host", "Agent.Lab:8161"), false)).isNull();
    assertThat(g.check(get("/", "Host", "other.lab:8161"), false).status()).isEqualTo(403);
  }

  @Test
  void boundElsewhereTheBindAddressOrAConfiguredNameIsTheHost() {
    RequestGuard any = new RequestGuard(new ControlConfig("10.0.0.5", 8161, TOKEN));
    RequestGuard named = new RequestGuard(new ControlConfig("10.0.0.5", 8161, TOKEN, List.of("sw1.lab"), 60));

    assertThat(any.check(get("/", "Host", "whatever.lab", "Authorization", "Bearer " + TOKEN), false)).isNull();
    assertThat(named.check(get("/", "Host", "10.0.0.5:8161", "Authorization", "Bearer " + TOKEN), false)).isNull();
    assertThat(named.check(get("/", "Host", "sw1.lab", "Authorization", "Bearer " + TOKEN), false)).isNull();
    assertThat(named.check(get("/", "Host", "evil.example", "Authorization", "Bearer " + TOKEN), false).status())
        .isEqualTo(403);
  }

  @Test
  void http11WithoutHostIs400AndHttp10WithoutHostIsServed() {
    assertThat(open.check(get("/api/v1/health"), false).status()).isEqualTo(400);
    assertThat(open.check(get("/api/v1/health"), true)).isNull();
  }

  @Test
  void aForeignOriginIsRefusedAndTheServersOwnOriginIsNot() {
    Response evil = open.check(post("/api/v1/faults", "Host", "127.0.0.1:8161", "Origin", "http://evil.example",
        "Content-Type", "application/json"), false);
    Response nul = open.check(post("/api/v1/faults", "Host", "127.0.0.1:8161", "Origin", "null",
        "Content-Type", "application/json"), false);
    Response otherPort = open.check(post("/api/v1/faults", "Host", "127.0.0.1:8161", "Origin", "http://127.0.0.1:3000",
        "Content-Type", "application/json"), false);

    assertThat(evil.status()).isEqualTo(403);
    assertThat(evil.bodyText()).contains("origin-not-allowed").contains("http://evil.example");
    assertThat(nul.status()).isEqualTo(403);
    assertThat(otherPort.status()).isEqualTo(403);
    assertThat(open.check(post("/api/v1/faults", "Host", "127.0.0.1:8161", "Origin", "http://127.0.0.1:8161",
        "Content-Type", "application/json"), false)).isNull();
    assertThat(open.check(get("/api/v1/events", "Host", "localhost:8161", "Origin", "http://LOCALHOST:8161"), false))
        .isNull();
    assertThat(open.check(get("/", "Host", "127.0.0.1", "Origin", "http://127.0.0.1"), false)).isNull();
  }

  @Test
  void postAndDeleteNeedAJsonContentTypeAndGetDoesNot() {
    Response text = open.check(post("/api/v1/faults", "Host", "127.0.0.1", "Content-Type", "text/plain"), false);
    Response form = open.check(post("/api/v1/faults", "Host", "127.0.0.1",
        "Content-Type", "application/x-www-form-urlencoded"), false);
    Response none = open.check(request("DELETE", "/api/v1/faults/f1", "Host", "127.0.0.1"), false);

    assertThat(text.status()).isEqualTo(415);
    assertThat(text.bodyText()).contains("Content-Type: application/json").contains("text/plain");
    assertThat(form.status()).isEqualTo(415);
    assertThat(none.status()).isEqualTo(415);
    assertThat(open.check(post("/api/v1/faults", "Host", "127.0.0.1", "Content-Type",
        "Application/JSON; charset=utf-8"), false)).isNull();
    assertThat(open.check(get("/api/v1/faults", "Host", "127.0.0.1"), false)).isNull();
  }

  @Test
  void theBearerSchemeIsCaseInsensitiveAndAWrongOrTruncatedTokenIsNot() {
    for (String auth : new String[] {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN, "Bearer   " + TOKEN}) {
      assertThat(withToken.check(get("/", "Host", "127.0.0.1", "Authorization", auth), false)).as(auth).isNull();
    }
    for (String auth : new String[] {"Bearer " + TOKEN.substring(1), "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN,
        "Bearer", "Bearer " + TOKEN.toUpperCase()}) {
      Response r = withToken.check(get("/", "Host", "127.0.0.1", "Authorization", auth), false);
      assertThat(r).as(auth).isNotNull();
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"cpo-agent\"");
    }
  }

  @Test
  void theHostIsCheckedBeforeTheTokenSoARebindingPageLearnsNothing() {
    Response r = withToken.check(get("/", "Host", "evil.example", "Authorization", "Bearer " + TOKEN), false);

    assertThat(r.status()).isEqualTo(403);
  }

  private static Request get(String path, String... headers) {
    return request("GET", path, headers);
  }

  private static Request post(String path, String... headers) {
    return request("POST", path, headers);
  }

  private static Request request(String method, String path, String... headers) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
    }
    return Request.of(method, path, h, new byte[0]);
  }
}
