package dev.cpo.agent.snmp.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;

class SnapshotTableModelTest {

  /** A snapshot: one value per row. */
  private record Snap(int[] values) {}

  private final AtomicReference<Snap> latest = new AtomicReference<>(new Snap(new int[] {10, 20, 30}));
  private final RowSource<Snap> rows = FixedRows.ofIntegers(new int[] {7, 3, 5},
      (s, row, col) -> new Integer32(s.values()[row] + col));
  private final SnapshotTableModel<Snap> model = new SnapshotTableModel<>(latest::get, rows, 2);

  @Test
  void rowsComeInIndexOrderWhateverOrderTheyWereGivenIn() {
    List<String> seen = new ArrayList<>();
    model.iterator().forEachRemaining(r -> seen.add(r.getIndex() + "=" + r.getValue(0)));

    assertThat(seen).containsExactly("3=20", "5=30", "7=10");
    assertThat(model.firstIndex()).isEqualTo(new OID("3"));
    assertThat(model.lastIndex()).isEqualTo(new OID("7"));
    assertThat(model.getRowCount()).isEqualTo(3);
  }

  @Test
  void aTailIteratorStartsAtTheFirstIndexNotBelowItsBound() {
    assertThat(indexes(model.tailIterator(new OID("5")))).containsExactly("5", "7");
    assertThat(indexes(model.tailIterator(new OID("4")))).containsExactly("5", "7");
    assertThat(indexes(model.tailIterator(new OID("5.1")))).containsExactly("7");
    assertThat(indexes(model.tailIterator(new OID("8")))).isEmpty();
  }

  @Test
  void aRowKeepsTheSnapshotItWasReadFromWhileNewRowsSeeTheNewOne() {
    MOTableRow before = model.getRow(new OID("3"));
    latest.set(new Snap(new int[] {11, 21, 31}));

    assertThat(before.getValue(1)).isEqualTo(new Integer32(21));
    assertThat(model.getRow(new OID("3")).getValue(1)).isEqualTo(new Integer32(22));
    assertThat(model.getRow(new OID("4"))).isNull();
    assertThat(model.containsRow(new OID("7"))).isTrue();
  }

  private static List<String> indexes(Iterator<MOTableRow> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(r -> out.add(r.getIndex().toDottedString()));
    return out;
  }
}
