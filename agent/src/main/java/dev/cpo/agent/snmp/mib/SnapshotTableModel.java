package dev.cpo.agent.snmp.mib;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.snmp4j.agent.mo.MOTableModel;
import org.snmp4j.smi.OID;

/**
 * A table model over the agent's latest snapshot. Each call takes the current {@link RowView} from the
 * supplier (cheap: a view binds precomputed indexes to a snapshot) and reads cells from it on demand, so
 * a GETBULK neither copies the table nor waits on a lock held by the poller. Lookups are binary searches
 * over the sorted indexes.
 */
final class SnapshotTableModel implements MOTableModel<SnapshotRow> {

  private final int columnCount;
  private final Supplier<RowView> views;

  SnapshotTableModel(int columnCount, Supplier<RowView> views) {
    this.columnCount = columnCount;
    this.views = views;
  }

  @Override
  public int getColumnCount() {
    return columnCount;
  }

  @Override
  public int getRowCount() {
    RowView v = views.get();
    int n = 0;
    for (int i = 0; i < v.positions(); i++) {
      if (v.present(i)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public boolean isEmpty() {
    RowView v = views.get();
    return nextPresent(v, 0) < 0;
  }

  @Override
  public boolean containsRow(OID index) {
    return getRow(index) != null;
  }

  @Override
  public SnapshotRow getRow(OID index) {
    if (index == null) {
      return null;
    }
    RowView v = views.get();
    int pos = search(v, index);
    return pos >= 0 && v.present(pos) ? new SnapshotRow(v, pos, columnCount) : null;
  }

  @Override
  public Iterator<SnapshotRow> iterator() {
    return new RowIterator(views.get(), 0);
  }

  @Override
  public Iterator<SnapshotRow> tailIterator(OID lowerBound) {
    RowView v = views.get();
    if (lowerBound == null) {
      return new RowIterator(v, 0);
    }
    int pos = search(v, lowerBound);
    return new RowIterator(v, pos >= 0 ? pos : -pos - 1);
  }

  @Override
  public OID firstIndex() {
    SnapshotRow r = firstRow();
    return r == null ? null : r.getIndex();
  }

  @Override
  public OID lastIndex() {
    SnapshotRow r = lastRow();
    return r == null ? null : r.getIndex();
  }

  @Override
  public SnapshotRow firstRow() {
    RowView v = views.get();
    int pos = nextPresent(v, 0);
    return pos < 0 ? null : new SnapshotRow(v, pos, columnCount);
  }

  @Override
  public SnapshotRow lastRow() {
    RowView v = views.get();
    for (int i = v.positions() - 1; i >= 0; i--) {
      if (v.present(i)) {
        return new SnapshotRow(v, i, columnCount);
      }
    }
    return null;
  }

  /** Binary search: the position of {@code index}, or {@code -(insertion point) - 1}. */
  private static int search(RowView v, OID index) {
    int lo = 0;
    int hi = v.positions() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = v.index(mid).compareTo(index);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }

  private static int nextPresent(RowView v, int from) {
    for (int i = from; i < v.positions(); i++) {
      if (v.present(i)) {
        return i;
      }
    }
    return -1;
  }

  private final class RowIterator implements Iterator<SnapshotRow> {
    private final RowView view;
    private int pos;

    RowIterator(RowView view, int from) {
      this.view = view;
      this.pos = nextPresent(view, from);
    }

    @Override
    public boolean hasNext() {
      return pos >= 0;
    }

    @Override
    public SnapshotRow next() {
      if (pos < 0) {
        throw new NoSuchElementException();
      }
      SnapshotRow row = new SnapshotRow(view, pos, columnCount);
      pos = nextPresent(view, pos + 1);
      return row;
    }
  }
}
