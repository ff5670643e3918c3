package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.PathElem;
import org.junit.jupiter.api.Test;

/** gNMI path conventions (openconfig/reference rpc/gnmi/gnmi-path-conventions.md) as the target matches them. */
class PathPatternTest {

  private static final Elems CHANNEL = new Elems.Builder().add("components").add("component", "name", "port17/transceiver")
      .add("transceiver").add("physical-channels").add("channel", "index", "2").add("state").build();
  private static final Elems POWER = Elems.of("output-power/instant");

  private static Path path(String text) {
    Path.Builder b = Path.newBuilder();
    for (String part : Elems.split(text)) {
      PathElem.Builder e = PathElem.newBuilder();
      int open = part.indexOf('[');
      if (open < 0) {
        e.setName(part);
      } else {
        e.setName(part.substring(0, open));
        String kv = part.substring(open + 1, part.length() - 1);
        e.putKey(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
      b.addElem(e);
    }
    return b.build();
  }

  private static boolean matches(String pattern) {
    return PathPattern.of(Path.getDefaultInstance(), path(pattern)).matches(CHANNEL, POWER);
  }

  @Test
  void anExactPathAndEveryContainerAboveItSelectTheLeaf() {
    assertThat(matches("/components/component[name=port17/transceiver]/transceiver/physical-channels/channel[index=2]"
        + "/state/output-power/instant")).isTrue();
    assertThat(matches("/components/component[name=port17/transceiver]/transceiver")).isTrue();
    assertThat(matches("/components")).isTrue();
    assertThat(matches("/")).isTrue();
  }

  @Test
  void starKeysMissingKeysStarNamesAndEllipsisAreWildcards() {
    assertThat(matches("/components/component[name=*]/transceiver/physical-channels/channel[index=*]/state")).isTrue();
    assertThat(matches("/components/component/transceiver/physical-channels/channel/state/output-power")).isTrue();
    assertThat(matches("/components/*/transceiver/*/channel/state/*/instant")).isTrue();
    assertThat(matches("/components/.../instant")).isTrue();
    assertThat(matches("/.../output-power")).isTrue();
  }

  @Test
  void anotherKeyValueNameOrKeyDoesNotMatch() {
    assertThat(matches("/components/component[name=port18/transceiver]")).isFalse();
    assertThat(matches("/components/component[id=port17/transceiver]")).isFalse();
    assertThat(matches("/components/component[name=port17/transceiver]/transceiver/physical-channels/channel[index=3]")).isFalse();
    assertThat(matches("/components/component[name=port17/transceiver]/state")).isFalse();
    assertThat(matches("/components/.../avg")).isFalse();
    // Deeper than the leaf.
    assertThat(matches("/components/component/transceiver/physical-channels/channel/state/output-power/instant/x")).isFalse();
  }

  @Test
  void thePrefixAndThePathJoinAndTheirOriginsMustAgree() {
    Path prefix = path("/components/component[name=port17/transceiver]");
    assertThat(PathPattern.of(prefix, path("/transceiver/physical-channels")).matches(CHANNEL, POWER)).isTrue();
    assertThat(PathPattern.of(prefix, path("/state")).matches(CHANNEL, POWER)).isFalse();
    PathPattern cpo = PathPattern.of(Path.newBuilder().setOrigin("cpo").build(), path("/thresholds"));
    assertThat(cpo.origin()).isEqualTo("cpo");
    assertThat(cpo.openconfig()).isFalse();
    assertThat(PathPattern.of(Path.getDefaultInstance(), path("/a")).openconfig()).isTrue();
    assertThatThrownBy(() -> PathPattern.of(Path.newBuilder().setOrigin("cpo").build(),
        path("/a").toBuilder().setOrigin("openconfig").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("origin");
  }

  @Test
  void pathsPrintInTheGnmiStringForm() {
    Path prefix = Path.newBuilder().setOrigin("cpo").build();
    assertThat(PathPattern.text(prefix, path("/thresholds/threshold[sensor=els3/laser5:bias]/config/high-alarm")))
        .isEqualTo("cpo:/thresholds/threshold[sensor=els3/laser5:bias]/config/high-alarm");
    assertThat(CHANNEL.append(POWER).toString()).isEqualTo(
        "/components/component[name=port17/transceiver]/transceiver/physical-channels/channel[index=2]/state/output-power/instant");
  }
}
