package dev.cpo.agent.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writing and setting aside the small files of the state directory.
 *
 * <p>{@link #replace} is atomic: the content goes to {@code <name>.tmp} beside the file, is forced to
 * disk, renamed over the file, and the directory is forced, so a crash leaves either the old or the new
 * file, never a torn one. {@link #keepAside} copies a file the agent could not use to
 * {@code <name>.rejected-<UTC time>} before anything rewrites it; an earlier copy is never overwritten.
 */
public final class StateFiles {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private StateFiles() {}

  /**
   * Replaces {@code file} with {@code content} atomically; on failure the file is untouched and no
   * temporary file is left behind.
   *
   * @throws IOException from the write, the fsync or the rename; {@link #reason} words it for a log line
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        if (Files.isRegularFile(temp)) {
          Files.delete(temp);
        }
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    forceDirectory(dir);
  }

  /**
   * Copies {@code file}, unchanged, to {@code <name>.rejected-<yyyyMMddTHHmmssZ>} beside it (with
   * {@code -2}, {@code -3}... when a copy of that second exists already) and forces it to disk.
   *
   * @return the copy
   * @throws IOException when the copy cannot be made; the caller must then leave {@code file} as it is
   */
  public static Path keepAside(Path file, Instant now) throws IOException {
    String base = file.getFileName() + ".rejected-" + STAMP.format(now);
    for (int n = 1; ; n++) {
      Path aside = file.resolveSibling(n == 1 ? base : base + "-" + n);
      try {
        Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      try (FileChannel c = FileChannel.open(aside, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      forceDirectory(aside.toAbsolutePath().getParent());
      return aside;
    }
  }

  /** The OS's reason for a failed file operation, with the path it concerns: for log lines and replies. */
  public static String reason(Exception e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return (fs.getFile() == null ? "" : fs.getFile() + ": ") + fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
