package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import dev.cpo.agent.gnmi.proto.SubscribeRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/**
 * A Subscribe call before its target is known: the first request's SubscriptionList prefix names the
 * switch ({@code target}, gNMI 2.2.2.1), and the {@link SubscribeSession} is then opened on that switch's
 * hub; an unknown target ends the call with NOT_FOUND naming it. gRPC takes the call's ready and cancel
 * handlers only while the service method runs, so they are set here and passed on to the session once
 * it exists.
 */
final class TargetedSubscribe implements StreamObserver<SubscribeRequest> {

  private final Function<String, GnmiServer.Target> targets;
  private final ServerCallStreamObserver<ByteString> call;
  private final String peer;
  private volatile Runnable onReady = () -> { };
  private volatile Runnable onCancel = () -> { };
  private volatile boolean cancelled;
  // Inbound messages arrive one at a time (gRPC serialises a call's listener), so no lock is needed.
  private SubscribeSession session;
  private boolean refused;

  TargetedSubscribe(Function<String, GnmiServer.Target> targets, ServerCallStreamObserver<ByteString> call,
      String peer) {
    this.targets = targets;
    this.call = call;
    this.peer = peer;
    call.setOnReadyThreshold(SubscribeSession.TRANSPORT_BYTES);
    call.setOnReadyHandler(() -> onReady.run());
    call.setOnCancelHandler(() -> {
      cancelled = true;
      onCancel.run();
    });
  }

  @Override
  public void onNext(SubscribeRequest req) {
    if (refused) {
      return;
    }
    if (session == null) {
      String target = req.hasSubscribe() ? req.getSubscribe().getPrefix().getTarget() : "";
      Hub hub;
      try {
        hub = targets.apply(target).hub();
      } catch (StatusRuntimeException e) {
        refused = true;
        call.onError(e);
        return;
      }
      session = new SubscribeSession(hub, new Forwarding(), peer);
      if (cancelled) {
        onCancel.run();
      }
    }
    session.onNext(req);
  }

  @Override
  public void onError(Throwable t) {
    if (session != null) {
      session.onError(t);
    }
  }

  @Override
  public void onCompleted() {
    if (session != null) {
      session.onCompleted();
    }
  }

  /** The call as the session sees it: everything goes to the call, but its handlers are kept here. */
  private final class Forwarding extends ServerCallStreamObserver<ByteString> {
    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      onCancel = handler;
    }

    @Override
    public void setCompression(String compression) {
      call.setCompression(compression);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      onReady = handler;
    }

    @Override
    public void disableAutoInboundFlowControl() {
      throw new UnsupportedOperationException("inbound flow control is set when the call starts");
    }

    @Override
    public void request(int count) {
      call.request(count);
    }

    @Override
    public void setMessageCompression(boolean enable) {
      call.setMessageCompression(enable);
    }

    @Override
    public void onNext(ByteString value) {
      call.onNext(value);
    }

    @Override
    public void onError(Throwable t) {
      call.onError(t);
    }

    @Override
    public void onCompleted() {
      call.onCompleted();
    }
  }
}
