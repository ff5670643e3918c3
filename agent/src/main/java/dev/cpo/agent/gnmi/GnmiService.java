package dev.cpo.agent.gnmi;

import dev.cpo.agent.gnmi.proto.CapabilityRequest;
import dev.cpo.agent.gnmi.proto.CapabilityResponse;
import dev.cpo.agent.gnmi.proto.Encoding;
import dev.cpo.agent.gnmi.proto.GetRequest;
import dev.cpo.agent.gnmi.proto.GetResponse;
import dev.cpo.agent.gnmi.proto.ModelData;
import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.SetRequest;
import dev.cpo.agent.gnmi.proto.SetResponse;
import dev.cpo.agent.gnmi.proto.SubscribeRequest;
import dev.cpo.agent.gnmi.proto.gNMIGrpc;
import com.google.protobuf.ByteString;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gNMI RPCs, translated to reads of the agent's snapshot ({@link OcTree}), Subscribe streams
 * ({@link SubscribeSession}) and threshold changes ({@link ThresholdSetter}), on the switch the request
 * prefix's {@code target} names ({@link GnmiServer#target}). Errors answer with a status whose message
 * names the path or the target.
 */
final class GnmiService extends gNMIGrpc.gNMIImplBase {

  private static final Logger LOG = LoggerFactory.getLogger(GnmiService.class);

  /** The gNMI specification version this target implements. */
  static final String GNMI_VERSION = "0.10.0";

  /**
   * The models whose paths are served, each with the {@code oc-ext:openconfig-version} of the
   * published openconfig/public revision its served paths were checked against (docs/gnmi.md,
   * "Models in Capabilities", names the copies).
   */
  static final List<ModelData> MODELS = List.of(
      model("openconfig-platform", "0.15.0"),
      // 0.8.0 before: laser-age and laser-temperature in the channel state came in 0.9.0.
      model("openconfig-platform-transceiver", "0.18.1"),
      model("openconfig-platform-port", "0.4.4"),
      model("openconfig-interfaces", "3.5.0"),
      // 2.11.0 before, never checked: SPEED_1600GB came in 2.15.0; 2.16.0 is the published revision read.
      model("openconfig-if-ethernet", "2.16.0"),
      model("openconfig-alarms", "0.4.0"));

  private final Function<String, GnmiServer.Target> targets;
  private final GnmiStats stats;

  /** @param targets the switch a prefix target names; throws NOT_FOUND naming an unknown one */
  GnmiService(Function<String, GnmiServer.Target> targets, GnmiStats stats) {
    this.targets = targets;
    this.stats = stats;
  }

  private static ModelData model(String name, String version) {
    return ModelData.newBuilder().setName(name).setOrganization("OpenConfig working group").setVersion(version).build();
  }

  /** JSON and JSON_IETF are served; anything else is refused (gNMI 2.3). */
  static Encoding checkEncoding(Encoding e) {
    if (e != Encoding.JSON && e != Encoding.JSON_IETF) {
      throw Status.UNIMPLEMENTED.withDescription("encoding " + e + " is not supported; use JSON_IETF or JSON")
          .asRuntimeException();
    }
    return e;
  }

  @Override
  public void capabilities(CapabilityRequest request, StreamObserver<CapabilityResponse> obs) {
    obs.onNext(CapabilityResponse.newBuilder().addAllSupportedModels(MODELS)
        .addSupportedEncodings(Encoding.JSON_IETF).addSupportedEncodings(Encoding.JSON)
        .setGNMIVersion(GNMI_VERSION).build());
    obs.onCompleted();
  }

  @Override
  public void get(GetRequest req, StreamObserver<GetResponse> obs) {
    try {
      Encoding enc = checkEncoding(req.getEncoding());
      Hub hub = targets.apply(req.getPrefix().getTarget()).hub();
      View v = hub.view();
      Batch b = new Batch(enc, v.timestampNanos(), req.getPrefix().getTarget());
      List<Path> paths = req.getPathCount() == 0 ? List.of(Path.getDefaultInstance()) : req.getPathList();
      for (Path path : paths) {
        String text = PathPattern.text(req.getPrefix(), path);
        PathPattern p = PathPattern.of(req.getPrefix(), path);
        List<Leaf> leaves = hub.tree.match(p);
        List<DynamicTree> dyn = hub.tree.dynamic(p);
        if (leaves.isEmpty() && dyn.isEmpty()) {
          throw Status.NOT_FOUND.withDescription("no such path: " + text).asRuntimeException();
        }
        for (Leaf l : leaves) {
          if (wanted(req.getType(), l.prefix())) {
            Object val = l.value(v);
            if (val != null) {
              b.update(l, val, p.origin());
            }
          }
        }
        for (DynamicTree t : dyn) {
          t.collect(p, v, (prefix, rel, val) -> {
            if (wanted(req.getType(), prefix)) {
              b.update(prefix, rel, val, p.origin());
            }
          });
        }
      }
      obs.onNext(GetResponse.newBuilder().addAllNotification(b.build()).build());
      obs.onCompleted();
    } catch (StatusRuntimeException e) {
      obs.onError(e);
    } catch (IllegalArgumentException e) {
      obs.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  /** GetRequest.type: CONFIG is the {@code config} containers, STATE and OPERATIONAL everything else. */
  private static boolean wanted(GetRequest.DataType type, Elems prefix) {
    boolean config = prefix.size() > 0 && prefix.name(prefix.size() - 1).equals("config");
    return switch (type) {
      case CONFIG -> config;
      case STATE, OPERATIONAL -> !config;
      default -> true;
    };
  }

  @Override
  public void set(SetRequest req, StreamObserver<SetResponse> obs) {
    GnmiAuth.Role role = GnmiAuth.ROLE.get();
    String user = GnmiAuth.USER.get();
    if (role != GnmiAuth.Role.READ_WRITE) {
      long n = stats.permissionDenied.incrementAndGet();
      LOG.warn("gNMI Set refused for '{}' ({}): only the read-write user may Set ({} refused so far)", user, role, n);
      obs.onError(Status.PERMISSION_DENIED.withDescription("Set needs the read-write user; '" + user + "' may only read")
          .asRuntimeException());
      return;
    }
    try {
      obs.onNext(targets.apply(req.getPrefix().getTarget()).setter().apply(req, "gnmi:" + user));
      obs.onCompleted();
    } catch (StatusRuntimeException e) {
      obs.onError(e);
    }
  }

  /**
   * Subscribe, bound as {@link Frames#SUBSCRIBE} (encoded responses) in place of the generated
   * method, which stays unbound.
   */
  StreamObserver<SubscribeRequest> subscribeEncoded(StreamObserver<ByteString> obs) {
    String peer = GnmiAuth.USER.get() + "@" + GnmiAuth.PEER.get();
    return new TargetedSubscribe(targets, (ServerCallStreamObserver<ByteString>) obs, peer);
  }

  /** The service: the generated Capabilities, Get and Set, and {@link #subscribeEncoded}. */
  ServerServiceDefinition definition() {
    ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(gNMIGrpc.SERVICE_NAME);
    for (ServerMethodDefinition<?, ?> m : bindService().getMethods()) {
      if (!m.getMethodDescriptor().getFullMethodName().equals(Frames.SUBSCRIBE.getFullMethodName())) {
        b.addMethod(m);
      }
    }
    return b.addMethod(Frames.SUBSCRIBE, ServerCalls.asyncBidiStreamingCall(this::subscribeEncoded)).build();
  }
}
