package dev.cpo.agent.gnmi;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One Subscribe stream's bounded queue. Responses go to the client only while gRPC says the
 * transport is ready ({@link ServerCallStreamObserver#isReady()}, resumed by its on-ready handler), so
 * nothing piles up inside gRPC; what waits here is bounded by {@code maxBytes}. A client that stops
 * reading fills it, and the stream is then closed with RESOURCE_EXHAUSTED and the queue dropped: the
 * agent's memory stays flat however slow the collector.
 *
 * <p>A dump of every subscribed value (the initial updates, a ONCE, a POLL) is built in one task on the
 * transport's own event loop, so the client cannot have read any of it by the time it is queued: judged
 * against {@code maxBytes}, a dump larger than that would close the stream of a client reading as fast as
 * it can. So one dump at a time is queued outside the bound ({@link #offerDump}); memory stays bounded by
 * one dump plus {@code maxBytes}, and a client that does not read is closed by the first updates after it.
 */
final class Outbox {

  private final ServerCallStreamObserver<ByteString> observer;
  private final long maxBytes;
  private final Runnable onOverflow;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private long queuedBytes;
  /** Of {@link #queue}: the responses of the dump still waiting, and their bytes. */
  private int dumpQueued;
  private long dumpBytes;
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
      overflow = queuedBytes - dumpBytes + size > maxBytes && queue.size() > dumpQueued;
      if (overflow) {
        closed = true;
        long bytes = queuedBytes;
        clear();
        observer.onError(Status.RESOURCE_EXHAUSTED
            .withDescription("the client is not reading: " + bytes + " bytes of updates queued (gnmi.queueBytes "
                + maxBytes + "); subscription closed")
            .asRuntimeException());
      } else {
        queue.add(new Queued(r, false));
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

  /**
   * Queues a dump of every subscribed value. While an earlier dump is still waiting, this one counts
   * against the bound like any update; false once the stream is closed.
   */
  boolean offerDump(List<ByteString> responses) {
    synchronized (this) {
      if (closed || completing) {
        return false;
      }
      if (dumpQueued == 0) {
        for (ByteString r : responses) {
          queue.add(new Queued(r, true));
          queuedBytes += r.size();
          dumpBytes += r.size();
        }
        dumpQueued = responses.size();
        responses = List.of();
      }
    }
    for (ByteString r : responses) {
      if (!offer(r)) {
        return false;
      }
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
      Queued q = queue.poll();
      int size = q.bytes.size();
      queuedBytes -= size;
      if (q.dump) {
        dumpQueued--;
        dumpBytes -= size;
      }
      observer.onNext(q.bytes);
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
    clear();
    observer.onError(status.asRuntimeException());
  }

  /** The client went away: drop everything. */
  synchronized void cancelled() {
    closed = true;
    clear();
  }

  private void clear() {
    queue.clear();
    queuedBytes = 0;
    dumpQueued = 0;
    dumpBytes = 0;
  }

  synchronized boolean closed() {
    return closed;
  }

  synchronized long queuedBytes() {
    return queuedBytes;
  }

  private record Queued(ByteString bytes, boolean dump) {}
}
