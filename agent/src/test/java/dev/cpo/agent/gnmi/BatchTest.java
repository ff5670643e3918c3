package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.cpo.agent.gnmi.proto.Encoding;
import dev.cpo.agent.gnmi.proto.Notification;
import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.PathElem;
import dev.cpo.agent.gnmi.proto.SubscribeResponse;
import dev.cpo.agent.gnmi.proto.TypedValue;
import dev.cpo.agent.gnmi.proto.Update;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link Batch} writes by hand is the SubscribeResponse the generated classes would build: parsed
 * back with them, it equals a message built field by field with their builders.
 */
class BatchTest {

  private static final long TS = 1_796_000_000_123_456_789L;

  private static Elems channel(int port, int index) {
    return new Elems.Builder().add("components").add("component", "name", "port" + port + "/transceiver")
        .add("transceiver").add("physical-channels").add("channel", "index", Integer.toString(index)).add("state")
        .build();
  }

  private static PathElem elem(String name) {
    return PathElem.newBuilder().setName(name).build();
  }

  private static PathElem elem(String name, String key, String value) {
    return PathElem.newBuilder().setName(name).putKey(key, value).build();
  }

  private static Update update(TypedValue v, PathElem... elems) {
    return Update.newBuilder().setPath(Path.newBuilder().addAllElem(List.of(elems))).setVal(v).build();
  }

  private static List<Notification> parse(List<ByteString> frames) throws Exception {
    List<Notification> out = new ArrayList<>();
    for (ByteString f : frames) {
      SubscribeResponse r = SubscribeResponse.parseFrom(f);
      assertThat(r.getResponseCase()).isEqualTo(SubscribeResponse.ResponseCase.UPDATE);
      out.add(r.getUpdate());
    }
    return out;
  }

  @Test
  void oneNotificationPerListWithEveryKindOfValueEncodedAsTheGeneratedClassesWould() throws Exception {
    Batch b = new Batch(Encoding.JSON_IETF, TS, "");
    b.update(channel(17, 2), Elems.of("output-power/instant"), -1.25, PathPattern.OPENCONFIG);
    b.update(channel(17, 3), Elems.of("laser-age"), 0L, PathPattern.OPENCONFIG);
    b.update(channel(17, 3), Elems.of("tx-laser"), false, PathPattern.OPENCONFIG);
    Elems oe = new Elems.Builder().add("components").add("component", "name", "oe1").add("state").build();
    b.update(oe, Elems.of("oper-status"), new Values.Ident("openconfig-platform-types", "ACTIVE"), "");
    b.update(oe, Elems.of("description"), "optical engine 1, \u00b5-lens", "");
    b.update(oe, Elems.of("temperature/instant"), 0.0, "");

    List<Notification> got = parse(b.encode());

    Path channels = Path.newBuilder().addElem(elem("components")).addElem(elem("component", "name", "port17/transceiver"))
        .addElem(elem("transceiver")).addElem(elem("physical-channels")).build();
    Notification lanes = Notification.newBuilder().setTimestamp(TS).setPrefix(channels)
        .addUpdate(update(TypedValue.newBuilder().setDoubleVal(-1.25).build(), elem("channel", "index", "2"),
            elem("state"), elem("output-power"), elem("instant")))
        .addUpdate(update(TypedValue.newBuilder().setUintVal(0).build(), elem("channel", "index", "3"), elem("state"),
            elem("laser-age")))
        .addUpdate(update(TypedValue.newBuilder().setBoolVal(false).build(), elem("channel", "index", "3"),
            elem("state"), elem("tx-laser")))
        .build();
    Notification components = Notification.newBuilder().setTimestamp(TS)
        .setPrefix(Path.newBuilder().addElem(elem("components")))
        .addUpdate(update(TypedValue.newBuilder().setStringVal("openconfig-platform-types:ACTIVE").build(),
            elem("component", "name", "oe1"), elem("state"), elem("oper-status")))
        .addUpdate(update(TypedValue.newBuilder().setStringVal("optical engine 1, \u00b5-lens").build(),
            elem("component", "name", "oe1"), elem("state"), elem("description")))
        .addUpdate(update(TypedValue.newBuilder().setDoubleVal(0.0).build(), elem("component", "name", "oe1"),
            elem("state"), elem("temperature"), elem("instant")))
        .build();
    assertThat(got).containsExactly(lanes, components);
    // The hand-written bytes are the generated serialisation itself, not just something that parses.
    assertThat(b.encode().get(0)).isEqualTo(SubscribeResponse.newBuilder().setUpdate(lanes).build().toByteString());
  }

  @Test
  void aTargetAndAnOriginGoInThePrefixAndJsonGivesBareIdentities() throws Exception {
    Batch b = new Batch(Encoding.JSON, TS, "sw1");
    Elems threshold = new Elems.Builder().add("thresholds").add("threshold", "sensor", "els3/laser5:bias").add("config")
        .build();
    b.update(threshold, Elems.of("high-warning"), 480.0, "cpo");
    Elems oe = new Elems.Builder().add("components").add("component", "name", "oe1").add("state").build();
    b.update(oe, Elems.of("oper-status"), new Values.Ident("openconfig-platform-types", "ACTIVE"), PathPattern.OPENCONFIG);

    List<Notification> got = parse(b.encode());

    assertThat(got).hasSize(2);
    assertThat(got.get(0).getPrefix()).isEqualTo(Path.newBuilder().setOrigin("cpo").setTarget("sw1")
        .addElem(elem("thresholds")).build());
    assertThat(got.get(0).getUpdate(0).getPath().getElemList()).containsExactly(
        elem("threshold", "sensor", "els3/laser5:bias"), elem("config"), elem("high-warning"));
    assertThat(got.get(1).getPrefix()).isEqualTo(Path.newBuilder().setTarget("sw1").addElem(elem("components")).build());
    assertThat(got.get(1).getUpdate(0).getVal().getStringVal()).isEqualTo("ACTIVE");
  }

  @Test
  void aBigListIsSplitIntoBoundedNotificationsAndNothingIsLost() throws Exception {
    Batch b = new Batch(Encoding.JSON_IETF, TS, "");
    int leaves = 0;
    for (int port = 1; port <= 512; port++) {
      Elems state = new Elems.Builder().add("interfaces").add("interface", "name", "port" + port).add("state").build();
      for (String counter : List.of("in-octets", "out-octets", "in-pkts", "out-pkts", "in-errors")) {
        b.update(state, Elems.of("counters/" + counter), Long.MAX_VALUE - port, "");
        leaves++;
      }
    }

    List<ByteString> frames = b.encode();
    List<Notification> got = parse(frames);

    assertThat(got).hasSizeGreaterThan(1);
    assertThat(frames).allSatisfy(f -> assertThat(f.size()).isLessThan(Batch.MAX_NOTIFICATION_BYTES + 1024));
    assertThat(got).allSatisfy(n -> assertThat(n.getPrefix().getElemList()).containsExactly(elem("interfaces")));
    assertThat(got.stream().mapToInt(Notification::getUpdateCount).sum()).isEqualTo(leaves);
    assertThat(got.get(got.size() - 1).getUpdate(got.get(got.size() - 1).getUpdateCount() - 1).getPath().getElem(0))
        .isEqualTo(elem("interface", "name", "port512"));
  }

  @Test
  void deletesComeAfterTheUpdatesInANotificationOfTheirOwn() throws Exception {
    Batch b = new Batch(Encoding.JSON_IETF, TS, "");
    b.delete(AlarmTree.prefix("laser-failure/els3/laser5").parent());
    List<Notification> got = parse(b.encode());
    assertThat(got).hasSize(1);
    assertThat(got.get(0).getDelete(0).getElemList()).containsExactly(elem("system"), elem("alarms"),
        elem("alarm", "id", "laser-failure/els3/laser5"));
  }
}
