package dev.cpo.agent.core;

import dev.cpo.agent.alarm.AlarmsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;

/**
 * Notices when the threshold or policy file changes on disk (its modification time or size), so the
 * agent reloads it without being asked. Checked on slow poll cycles: two file stats every few seconds.
 */
final class RuleFileWatcher {

  private List<Path> files;
  private List<Object> seen;

  RuleFileWatcher(AlarmsConfig alarms) {
    watch(alarms);
  }

  /** Starts watching the files of this config, taking their current state as seen. */
  synchronized void watch(AlarmsConfig alarms) {
    files = List.of(Path.of(alarms.thresholdsFile()), Path.of(alarms.policiesFile()));
    seen = stamps();
  }

  /** Whether a file changed since the last call (or {@link #watch}). */
  synchronized boolean changed() {
    List<Object> now = stamps();
    if (now.equals(seen)) {
      return false;
    }
    seen = now;
    return true;
  }

  private List<Object> stamps() {
    return files.stream().map(RuleFileWatcher::stamp).toList();
  }

  private static Object stamp(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      return List.of(modified, Files.size(file));
    } catch (IOException e) {
      // Missing (e.g. the bundled defaults are in use, or the file is being replaced): a state like any other.
      return Objects.toString(e.getClass().getSimpleName());
    }
  }
}
