package dev.cpo.agent.snmp.table;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.snmp4j.agent.mo.MOTableModel;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.smi.OID;

/**
 * An {@link MOTableModel} over whatever snapshot is latest when a request looks: each lookup takes the
 * snapshot once and answers from it. Unlike {@code DefaultMOTableModel} (a synchronized sorted map of
 * materialised rows) it copies nothing when the snapshot changes and finds a row by binary search.
 *
 * @param <S> the snapshot type
 */
public final class SnapshotTableModel<S> implements MOTableModel<MOTableRow> {

  private final Supplier<S> latest;
  private final RowSource<S> rows;
  private final int columnCount;

  /**
   * @param latest the latest snapshot; called once per lookup
   * @param rows the table's rows in a snapshot
   * @param columnCount number of columns of the table
   */
  public SnapshotTableModel(Supplier<S> latest, RowSource<S> rows, int columnCount) {
    this.latest = latest;
    this.rows = rows;
    this.columnCount = columnCount;
  }

  @Override
  public int getColumnCount() {
    return columnCount;
  }

  @Override
  public int getRowCount() {
    return rows.size(latest.get());
  }

  @Override
  public boolean isEmpty() {
    return getRowCount() == 0;
  }

  @Override
  public boolean containsRow(OID index) {
    return rows.find(latest.get(), index) >= 0;
  }

  @Override
  public MOTableRow getRow(OID index) {
    S s = latest.get();
    int p = rows.find(s, index);
    return p < 0 ? null : new LiveRow<>(rows, s, p, columnCount);
  }

  @Override
  public Iterator<MOTableRow> iterator() {
    return tailIterator(null);
  }

  @Override
  public Iterator<MOTableRow> tailIterator(OID lowerBound) {
    S s = latest.get();
    int from = lowerBound == null ? 0 : rows.ceiling(s, lowerBound);
    return new RowIterator(s, from);
  }

  @Override
  public OID firstIndex() {
    S s = latest.get();
    return rows.size(s) == 0 ? null : rows.index(s, 0);
  }

  @Override
  public OID lastIndex() {
    S s = latest.get();
    int n = rows.size(s);
    return n == 0 ? null : rows.index(s, n - 1);
  }

  @Override
  public MOTableRow firstRow() {
    S s = latest.get();
    return rows.size(s) == 0 ? null : new LiveRow<>(rows, s, 0, columnCount);
  }

  @Override
  public MOTableRow lastRow() {
    S s = latest.get();
    int n = rows.size(s);
    return n == 0 ? null : new LiveRow<>(rows, s, n - 1, columnCount);
  }

  private final class RowIterator implements Iterator<MOTableRow> {

    private final S snapshot;
    private final int size;
    private int next;

    RowIterator(S snapshot, int from) {
      this.snapshot = snapshot;
      this.size = rows.size(snapshot);
      this.next = from;
    }

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public MOTableRow next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      return new LiveRow<>(rows, snapshot, next++, columnCount);
    }
  }
}
