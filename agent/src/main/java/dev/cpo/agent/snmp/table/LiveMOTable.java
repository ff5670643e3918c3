package dev.cpo.agent.snmp.table;

import java.util.Arrays;
import java.util.function.Function;
import org.snmp4j.agent.DefaultMOScope;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableCellInfo;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.agent.util.OIDScope;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A {@link DefaultMOTable} over a {@link SnapshotTableModel} whose search for the next cell (GETNEXT,
 * GETBULK, and the VACM check that precedes each of them) works on the snapshot's row positions.
 *
 * <p>{@code DefaultMOTable.findCell} goes through the model's generic interface: a row iterator per
 * column tried, a {@code LiveRow} per row looked at, a request-keyed {@code WeakHashMap} walk cache, the
 * cell's OID rebuilt with two appends each time it is asked for. Here the same search is made with one
 * snapshot, binary search and position arithmetic; the answer is the same cell, chosen by the same
 * steps ({@code DefaultMOTable.findCell} and {@code getNextCell} of SNMP4J-Agent 3.8.3, step for step:
 * column from the lower bound's sub-identifier, the first row after the index or at it when the bound
 * is included, the next column's first row when a column has none after it, and the scope's upper
 * bound last). {@link #next} is {@code DefaultMOTable.next} with the cell's row taken from its
 * position. The generic walk cache only spares lookups within one request; leaving it out changes
 * no answer. GET and SET go through {@code DefaultMOTable} unchanged. {@code TableEquivalenceTest} and
 * {@code GetBulkEquivalenceTest} compare the two.
 *
 * @param <C> the column type
 * @param <S> the snapshot type
 */
@SuppressWarnings("rawtypes")
public final class LiveMOTable<C extends MOColumn, S> extends DefaultMOTable<MOTableRow, C, SnapshotTableModel<S>> {

  /**
   * The read-only live table whose {@link #next} last answered on this thread, for
   * {@link #takeLastAnswering()}: how the command processor learns which table SNMP4J-Agent's own search
   * found, without repeating that search.
   */
  private static final ThreadLocal<LiveMOTable<?, ?>> LAST_ANSWERING = new ThreadLocal<>();

  private final int[] columnIds;
  private final boolean readOnly;

  /**
   * @param entryOid the OID of the table's entry
   * @param index the index definition
   * @param columns the columns, in sub-identifier order
   * @param model the rows of the latest snapshot
   */
  public LiveMOTable(OID entryOid, MOTableIndex index, C[] columns, SnapshotTableModel<S> model) {
    super(entryOid, index, columns, model);
    columnIds = new int[columns.length];
    boolean writable = false;
    for (int i = 0; i < columns.length; i++) {
      columnIds[i] = columns[i].getColumnID();
      writable |= columns[i].getAccess().isAccessibleForWrite();
      if (i > 0 && columnIds[i] <= columnIds[i - 1]) {
        throw new IllegalArgumentException("columns of " + entryOid + " not in sub-identifier order");
      }
    }
    readOnly = !writable;
  }

  /**
   * The read-only live table whose {@link #next} answered last on this thread since the last call, or
   * null; clears it. A table with a writable column (SET locks it through the server's lookup) never is.
   */
  public static LiveMOTable<?, ?> takeLastAnswering() {
    LiveMOTable<?, ?> t = LAST_ANSWERING.get();
    if (t != null) {
      LAST_ANSWERING.set(null);
    }
    return t;
  }

  /**
   * Whether {@code oid} lies inside this table's entry, past the entry's own OID: where the server's
   * search for the next object, from {@code oid} onwards, can only begin at this table (registered
   * scopes do not overlap), however far beyond it its answer lies.
   */
  public boolean holds(OID oid) {
    OID entry = getOID();
    return oid.size() > entry.size() && oid.startsWith(entry);
  }

  @Override
  protected MOTableCellInfo findCell(MOScope scope, SubRequest<?> subRequest) {
    update(scope, subRequest);
    SnapshotTableModel<S> model = getModel();
    S snapshot = model.snapshot();
    if (model.nextPresent(snapshot, 0) < 0) {
      return null;
    }
    OID lowerBound = scope.getLowerBound();
    OID entry = getOID();
    int n = entry.size();
    boolean inTable = lowerBound.size() > n && lowerBound.startsWith(entry);
    int id = inTable ? lowerBound.get(n) : 0;
    OID index = inTable && lowerBound.size() > n + 1
        ? new OID(lowerBound.getValue(), n + 1, lowerBound.size() - n - 1) : null;
    int column = Arrays.binarySearch(columnIds, id);
    boolean exact = true;
    if (column < 0) {
      column = -column - 1;
      exact = false;
    }
    if (column >= columnIds.length) {
      return null;
    }
    Cell cell = nextCell(model, snapshot, column, index, !exact || scope.isLowerIncluded());
    if (cell != null && scope.isCovered(new OIDScope(cell.getCellOID()))) {
      return cell;
    }
    return null;
  }

  /** {@code DefaultMOTable.getNextCell}: the first cell at or after ({@code included}) the given one. */
  private Cell nextCell(SnapshotTableModel<S> model, S snapshot, int fromColumn, OID index, boolean included) {
    RowSource<S> rows = model.rows();
    for (int column = fromColumn; column < columnIds.length; column++) {
      int p = model.nextPresent(snapshot, index == null ? 0 : rows.ceiling(snapshot, index));
      if (p < 0) {
        if (index == null) {
          return null;
        }
        index = null;
        included = true;
        continue;
      }
      if (index != null && !included) {
        if (rows.index(snapshot, p).compareTo(index) > 0) {
          return new Cell(model, snapshot, p, column);
        }
        p = model.nextPresent(snapshot, p + 1);
      }
      index = null;
      included = true;
      if (p >= 0) {
        return new Cell(model, snapshot, p, column);
      }
    }
    return null;
  }

  @Override
  public boolean next(SubRequest<?> subRequest, Function<OID, Boolean> filter) {
    DefaultMOScope scope = new DefaultMOScope(subRequest.getScope());
    MOTableCellInfo cell;
    while ((cell = findCell(scope, subRequest)) != null) {
      int column = cell.getColumn();
      if (getColumn(column).getAccess().isAccessibleForRead()) {
        OID cellOid = cell.getCellOID();
        if (filter != null && !filter.apply(cellOid)) {
          scope.setLowerBound(cellOid);
          scope.setLowerIncluded(false);
          continue;
        }
        Variable value = cell instanceof LiveMOTable<?, ?>.Cell c ? getValue(c.row(), column, subRequest)
            : getValue(cell.getIndex(), column, subRequest);
        if (value == null) {
          scope.setLowerBound(cellOid);
          scope.setLowerIncluded(false);
        } else {
          subRequest.getVariableBinding().setOid(cellOid);
          subRequest.getVariableBinding().setVariable(value);
          subRequest.completed();
          if (readOnly) {
            LAST_ANSWERING.set(this);
          }
          return true;
        }
      } else if (column + 1 < getColumnCount()) {
        OID nextColumn = new OID(getOID());
        nextColumn.append(getColumn(column + 1).getColumnID());
        scope.setLowerBound(nextColumn);
        scope.setLowerIncluded(false);
      } else {
        return false;
      }
    }
    return false;
  }

  /** A cell found in one snapshot: its row by position. */
  final class Cell implements MOTableCellInfo {

    private final SnapshotTableModel<S> model;
    private final S snapshot;
    private final int position;
    private final int column;

    Cell(SnapshotTableModel<S> model, S snapshot, int position, int column) {
      this.model = model;
      this.snapshot = snapshot;
      this.position = position;
      this.column = column;
    }

    MOTableRow row() {
      return new LiveRow<>(model.rows(), snapshot, position, model.getColumnCount());
    }

    @Override
    public OID getIndex() {
      return model.rows().index(snapshot, position);
    }

    @Override
    public int getColumn() {
      return column;
    }

    @Override
    public int getColumnID() {
      return columnIds[column];
    }

    /** A new OID at each call, as {@code DefaultMOTable.getCellOID}: entry, column, index. */
    @Override
    public OID getCellOID() {
      int[] entry = getOID().getValue();
      int[] index = getIndex().getValue();
      int[] cell = new int[entry.length + 1 + index.length];
      System.arraycopy(entry, 0, cell, 0, entry.length);
      cell[entry.length] = columnIds[column];
      System.arraycopy(index, 0, cell, entry.length + 1, index.length);
      OID oid = new OID();
      oid.setValue(cell);
      return oid;
    }

    @Override
    public String toString() {
      return "Cell[" + getIndex() + ", column " + columnIds[column] + "]";
    }
  }
}
