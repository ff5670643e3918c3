package dev.cpo.agent.snmp.table;

import java.util.Arrays;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * A {@link RowSource} whose row indexes do not change from one snapshot to the next (ports, entities,
 * sensors of a fixed inventory): the indexes are sorted once, lookups are binary searches, cells are
 * read from whatever snapshot the request sees.
 *
 * @param <S> the snapshot type
 */
public final class FixedRows<S> implements RowSource<S> {

  private final OID[] indexes;
  private final int[] rowOf;
  private final CellReader<S> cells;

  /**
   * @param indexes one index per row, in the order {@code cells} numbers rows (any order; sorted here)
   * @param cells reads a cell, given the row's position in {@code indexes}
   */
  public FixedRows(OID[] indexes, CellReader<S> cells) {
    Integer[] order = new Integer[indexes.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> indexes[a].compareTo(indexes[b]));
    this.indexes = new OID[indexes.length];
    this.rowOf = new int[indexes.length];
    for (int i = 0; i < order.length; i++) {
      this.indexes[i] = indexes[order[i]];
      this.rowOf[i] = order[i];
      if (i > 0 && this.indexes[i].equals(this.indexes[i - 1])) {
        throw new IllegalArgumentException("duplicate row index " + this.indexes[i]);
      }
    }
    this.cells = cells;
  }

  /** Rows indexed by a single integer, such as ifIndex or entPhysicalIndex. */
  public static <S> FixedRows<S> ofIntegers(int[] indexes, CellReader<S> cells) {
    OID[] oids = new OID[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      oids[i] = new OID(new int[] {indexes[i]});
    }
    return new FixedRows<>(oids, cells);
  }

  @Override
  public int size(S snapshot) {
    return indexes.length;
  }

  @Override
  public OID index(S snapshot, int position) {
    return indexes[position];
  }

  @Override
  public int find(S snapshot, OID index) {
    int p = Arrays.binarySearch(indexes, index);
    return p >= 0 ? p : -1;
  }

  @Override
  public int ceiling(S snapshot, OID lowerBound) {
    int p = Arrays.binarySearch(indexes, lowerBound);
    return p >= 0 ? p : -p - 1;
  }

  @Override
  public Variable value(S snapshot, int position, int column) {
    return cells.read(snapshot, rowOf[position], column);
  }
}
