package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;

/**
 * One Subscribe stream's bounded queue. Responses go to the client only while gRPC says the
 * transport is ready ({@link ServerCallStreamObserver#isReady()}, resumed by its on-ready handler), so
 * nothing piles up inside gRPC; what waits here is bounded by {@code maxBytes}. A client that stops
 * reading fills it, and the stream is then closed with RESOURCE_EXHAUSTED and the queue dropped: the
 * agent's memory stays flat however slow the collector.
 */
final class Outbox {

  private final ServerCallStreamObserver<ByteString> observer;
  private final long maxBytes;
  private final Runnable onOverflow;
  private final ArrayDeque<ByteString> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean completing;
  private boolean closed;

  /**
   * @param onOverflow called once, after the stream was closed for a full queue
   */
  Outbox(ServerCallStreamObserver<ByteString> observer, long maxBytes, Runnable onOverflow) {
    this.observer = observer;
    this.maxBytes = maxBytes;
    this.onOverflow = onOverflow;
  }

  /** Queues one encoded SubscribeResponse and sends what the transport takes; false once the stream is closed. */
  boolean offer(ByteString r) {
    boolean overflow;
    synchronized (this) {
      if (closed || completing) {
        return false;
      }
      int size = r.size();
      overflow = queuedBytes + size > maxBytes && !queue.isEmpty();
      if (overflow) {
        closed = true;
        long bytes = queuedBytes;
        queue.clear();
        queuedBytes = 0;
        observer.onError(Status.RESOURCE_EXHAUSTED
            .withDescription("the client is not reading: " + bytes + " bytes of updates queued (gnmi.queueBytes "
                + maxBytes + "); subscription closed")
            .asRuntimeException());
      } else {
        queue.add(r);
        queuedBytes += size;
      }
    }
    if (overflow) {
      onOverflow.run();
      return false;
    }
    drain();
    return true;
  }

  /** Sends while the transport is ready; ends the stream once a requested completion is reached. */
  synchronized void drain() {
    if (closed) {
      return;
    }
    while (!queue.isEmpty() && observer.isReady()) {
      ByteString r = queue.poll();
      queuedBytes -= r.size();
      observer.onNext(r);
    }
    if (completing && queue.isEmpty()) {
      closed = true;
      observer.onCompleted();
    }
  }

  /** Ends the stream with OK once everything queued has been sent (ONCE subscriptions). */
  void complete() {
    synchronized (this) {
      completing = true;
    }
    drain();
  }

  /** Ends the stream now with an error status; what is queued is dropped. */
  synchronized void fail(Status status) {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    queuedBytes = 0;
    observer.onError(status.asRuntimeException());
  }

  /** The client went away: drop everything. */
  synchronized void cancelled() {
    closed = true;
    queue.clear();
    queuedBytes = 0;
  }

  synchronized boolean closed() {
    return closed;
  }

  synchronized long queuedBytes() {
    return queuedBytes;
  }
}
