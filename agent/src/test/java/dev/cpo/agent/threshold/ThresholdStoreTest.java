package dev.cpo.agent.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.testing.FakeSwitch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdStoreTest {

  @TempDir Path dir;
  final FakeSwitch sw = new FakeSwitch();

  @Test
  void aThresholdSetAtRunTimeSurvivesARestart() {
    Path file = dir.resolve("thresholds.yaml");
    List<String> changes = new ArrayList<>();
    ThresholdStore store = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), file,
        (id, set, by) -> changes.add(id + " " + set.highWarning() + " " + by));
    store.set("els1/laser3:bias", ThresholdLevel.HIGH_WARNING, 470, "snmp:ops");
    assertThat(changes).containsExactly("els1/laser3:bias 470.0 snmp:ops");

    ThresholdStore restarted = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), file, (i, s, b) -> { });
    assertThat(restarted.effective("els1/laser3:bias")).isEqualTo(new ThresholdSet(20, Double.NaN, 470, 525));
    assertThat(restarted.effective("els1/laser4:bias").highWarning()).isEqualTo(455);
    assertThat(restarted.overrides()).containsOnlyKeys("els1/laser3:bias");
  }

  @Test
  void anOutOfOrderOrUnknownChangeIsRefusedAndChangesNothing() {
    ThresholdStore store = new ThresholdStore(sw.inventory(), ThresholdFile.defaults(), null, (i, s, b) -> { });
    assertThatThrownBy(() -> store.set("els1/laser3:bias", ThresholdLevel.HIGH_WARNING, 600, "snmp:ops"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("highWarning");
    assertThatThrownBy(() -> store.set("els9/laser3:bias", ThresholdLevel.HIGH_WARNING, 400, "snmp:ops"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("els9/laser3:bias");
    assertThat(store.effective("els1/laser3:bias").highWarning()).isEqualTo(455);
  }
}
