package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.cfg.EngineBootsCounterFile;
import org.snmp4j.smi.OctetString;

/** snmpEngineID and snmpEngineBoots across restarts (RFC 3414 section 2.2.2). */
class EngineStateFileTest {

  private static final byte[] ID = HexFormat.of().parseHex("80001370017f000001a8690a49");
  private static final byte[] OTHER_ID = HexFormat.of().parseHex("8000137001c0a80001deadbeef");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve(SnmpAgent.BOOTS_FILE);
  }

  @Test
  void aMissingFileStartsANewEngineAtBootsOneAndStoresIt() throws IOException {
    EngineStateFile.State s = EngineStateFile.advance(file(), () -> ID);

    assertThat(s.boots()).isEqualTo(1);
    assertThat(s.engineId()).isEqualTo(ID);
    EngineStateFile.State stored = EngineStateFile.read(file());
    assertThat(stored.boots()).isEqualTo(1);
    assertThat(stored.engineId()).isEqualTo(ID);
  }

  @Test
  void eachStartAddsOneToTheBootsAndKeepsTheEngineId() throws IOException {
    EngineStateFile.advance(file(), () -> ID);
    EngineStateFile.advance(file(), () -> OTHER_ID);
    EngineStateFile.State third = EngineStateFile.advance(file(), () -> OTHER_ID);

    assertThat(third.boots()).isEqualTo(3);
    assertThat(third.engineId()).isEqualTo(ID);
    assertThat(Files.readString(file())).contains("engineId=80001370017f000001a8690a49", "boots=3");
    // Written through a temporary file that the rename consumed.
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SnmpAgent.BOOTS_FILE);
    }
  }

  @Test
  void theEarlierSnmp4jFormatIsReadAndRewrittenKeepingItsEngineId() throws IOException {
    EngineBootsCounterFile legacy = new EngineBootsCounterFile(file().toFile());
    legacy.getEngineId(new OctetString(ID));
    legacy.updateEngineBoots();
    legacy.updateEngineBoots();
    int legacyBoots = legacy.getEngineBoots();

    EngineStateFile.State s = EngineStateFile.advance(file(), () -> OTHER_ID);

    assertThat(s.engineId()).isEqualTo(ID);
    assertThat(s.boots()).isEqualTo(legacyBoots + 1);
    assertThat(Files.readString(file())).contains("boots=" + (legacyBoots + 1));
  }

  @Test
  void aDamagedFileIsRefusedNamingItAndLeftAsItWas() throws IOException {
    for (String damaged : new String[] {"garbage", "engineId=80001370017f000001a8690a49\n",
        "engineId=zz\nboots=3\n", "engineId=8000\nboots=3\n", "engineId=80001370017f000001a8690a49\nboots=-1\n",
        "engineId=80001370017f000001a8690a49\nboots=3\nboots=4\n"}) {
      Files.writeString(file(), damaged);

      assertThatThrownBy(() -> EngineStateFile.advance(file(), () -> OTHER_ID)).as(damaged)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot read the SNMP engine id from " + file())
          .hasMessageContaining("move it aside");
      assertThat(Files.readString(file())).isEqualTo(damaged);
    }
  }

  @Test
  void aTruncatedFileOfTheEarlierFormatIsRefusedAndNotReplacedByANewEngineId() throws IOException {
    EngineBootsCounterFile legacy = new EngineBootsCounterFile(file().toFile());
    legacy.getEngineId(new OctetString(ID));
    byte[] whole = Files.readAllBytes(file());
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 5);
    Files.write(file(), truncated);

    assertThatThrownBy(() -> EngineStateFile.advance(file(), () -> OTHER_ID))
        .hasMessageContaining("cannot read the SNMP engine id from " + file())
        .hasMessageContaining("earlier SNMP4J format is damaged");
    assertThat(Files.readAllBytes(file())).isEqualTo(truncated);
  }

  @Test
  void bootsThatCannotBeStoredFailTheStartAndKeepTheOldState() throws IOException {
    EngineStateFile.advance(file(), () -> ID);
    // Something in the way of the temporary file: the write fails as on a full or read-only disk.
    Path blocker = dir.resolve(SnmpAgent.BOOTS_FILE + ".tmp");
    Files.createDirectory(blocker);
    Files.writeString(blocker.resolve("x"), "x");

    assertThatThrownBy(() -> EngineStateFile.advance(file(), () -> ID))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot store snmpEngineBoots 2 in " + file())
        .hasMessageContaining("RFC 3414");
    assertThat(EngineStateFile.read(file()).boots()).isEqualTo(1);
  }

  @Test
  void bootsAtTheirMaximumAreRefused() throws IOException {
    Files.writeString(file(), "engineId=80001370017f000001a8690a49\nboots=2147483647\n", StandardCharsets.UTF_8);

    // RFC 3414 2.2.2: snmpEngineBoots stays at 2147483647 and the engine needs a new id.
    assertThatThrownBy(() -> EngineStateFile.advance(file(), () -> OTHER_ID))
        .hasMessageContaining("reached its maximum 2147483647")
        .hasMessageContaining(file().toString());
  }
}
