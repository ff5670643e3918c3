package dev.cpo.agent.snmp.table;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.snmp4j.agent.mo.MOTableModel;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.smi.OID;

/**
 * An {@link MOTableModel} over whatever snapshot is latest when a request looks: each lookup takes the
 * snapshot once and answers from it, so a GETBULK neither copies the table nor waits on a lock held by
 * the poller. Unlike {@code DefaultMOTableModel} (a synchronized sorted map of materialised rows) it
 * copies nothing when the snapshot changes and finds a row by binary search. Positions the source marks
 * absent are not rows.
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
    S s = latest.get();
    int n = 0;
    for (int p = nextPresent(s, 0); p >= 0; p = nextPresent(s, p + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public boolean isEmpty() {
    return nextPresent(latest.get(), 0) < 0;
  }

  @Override
  public boolean containsRow(OID index) {
    return getRow(index) != null;
  }

  @Override
  public MOTableRow getRow(OID index) {
    if (index == null) {
      return null;
    }
    S s = latest.get();
    int p = rows.find(s, index);
    return p >= 0 && rows.present(s, p) ? new LiveRow<>(rows, s, p, columnCount) : null;
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
    MOTableRow r = firstRow();
    return r == null ? null : r.getIndex();
  }

  @Override
  public OID lastIndex() {
    MOTableRow r = lastRow();
    return r == null ? null : r.getIndex();
  }

  @Override
  public MOTableRow firstRow() {
    S s = latest.get();
    int p = nextPresent(s, 0);
    return p < 0 ? null : new LiveRow<>(rows, s, p, columnCount);
  }

  @Override
  public MOTableRow lastRow() {
    S s = latest.get();
    for (int p = rows.size(s) - 1; p >= 0; p--) {
      if (rows.present(s, p)) {
        return new LiveRow<>(rows, s, p, columnCount);
      }
    }
    return null;
  }

  /** The latest snapshot, as each lookup takes it. */
  S snapshot() {
    return latest.get();
  }

  /** The rows of a snapshot. */
  RowSource<S> rows() {
    return rows;
  }

  /** The first present position at or after {@code from}, or -1. */
  int nextPresent(S s, int from) {
    int size = rows.size(s);
    for (int p = from; p < size; p++) {
      if (rows.present(s, p)) {
        return p;
      }
    }
    return -1;
  }

  private final class RowIterator implements Iterator<MOTableRow> {

    private final S snapshot;
    private int next;

    RowIterator(S snapshot, int from) {
      this.snapshot = snapshot;
      this.next = nextPresent(snapshot, from);
    }

    @Override
    public boolean hasNext() {
      return next >= 0;
    }

    @Override
    public MOTableRow next() {
      if (next < 0) {
        throw new NoSuchElementException();
      }
      MOTableRow row = new LiveRow<>(rows, snapshot, next, columnCount);
      next = nextPresent(snapshot, next + 1);
      return row;
    }
  }
}
