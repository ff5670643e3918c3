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

  @Test
  void positionsTheSourceMarksAbsentAreNotRows() {
    RowSource<Snap> gappy = new RowSource<>() {
      private final RowSource<Snap> all = FixedRows.ofIntegers(new int[] {1, 2, 3, 4},
          (s, row, col) -> new Integer32(row));

      @Override
      public int size(Snap s) {
        return all.size(s);
      }

      @Override
      public OID index(Snap s, int position) {
        return all.index(s, position);
      }

      @Override
      public int find(Snap s, OID index) {
        return all.find(s, index);
      }

      @Override
      public int ceiling(Snap s, OID lowerBound) {
        return all.ceiling(s, lowerBound);
      }

      @Override
      public boolean present(Snap s, int position) {
        return position == 1 || position == 2;
      }

      @Override
      public org.snmp4j.smi.Variable value(Snap s, int position, int column) {
        return all.value(s, position, column);
      }
    };
    SnapshotTableModel<Snap> sparse = new SnapshotTableModel<>(latest::get, gappy, 1);

    assertThat(indexes(sparse.iterator())).containsExactly("2", "3");
    assertThat(indexes(sparse.tailIterator(new OID("1")))).containsExactly("2", "3");
    assertThat(indexes(sparse.tailIterator(new OID("3.1")))).isEmpty();
    assertThat(sparse.getRowCount()).isEqualTo(2);
    assertThat(sparse.getRow(new OID("1"))).isNull();
    assertThat(sparse.containsRow(new OID("4"))).isFalse();
    assertThat(sparse.firstIndex()).isEqualTo(new OID("2"));
    assertThat(sparse.lastIndex()).isEqualTo(new OID("3"));
  }

  private static List<String> indexes(Iterator<MOTableRow> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(r -> out.add(r.getIndex().toDottedString()));
    return out;
  }
}
