package dev.cpo.agent.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a leak would grow in this JVM: heap used after a full collection, live threads, open file
 * descriptors (Linux {@code /proc/self/fd}).
 *
 * @param heapUsedBytes heap used after {@link System#gc()}, the least of three collections
 * @param liveThreads live threads, daemons included
 * @param openFds entries of /proc/self/fd (-1 where there is no /proc)
 */
record ProcessGauges(long heapUsedBytes, int liveThreads, long openFds) {

  private static final Path FDS = Path.of("/proc/self/fd");

  /** Measures now; the heap figure is the least of three collections, so garbage in flight does not count. */
  static ProcessGauges measure() {
    long heap = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return new ProcessGauges(heap, ManagementFactory.getThreadMXBean().getThreadCount(), countOpenFds());
  }

  private static long countOpenFds() {
    if (!Files.isDirectory(FDS)) {
      return -1;
    }
    // The directory stream holds one descriptor itself, the same one at every measure.
    try (Stream<Path> fds = Files.list(FDS)) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  double heapUsedMegabytes() {
    return heapUsedBytes / (1024.0 * 1024.0);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "heap %.1f MB (after GC), %d threads, %d fds", heapUsedMegabytes(),
        liveThreads, openFds);
  }
}
