package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.snmp.table.RowSource;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * The MIB modules' {@link RowView}s as the shared table model's {@link RowSource}: a view is its own
 * snapshot (it binds precomputed indexes to one agent snapshot), found by binary search.
 */
enum RowViews implements RowSource<RowView> {
  INSTANCE;

  @Override
  public int size(RowView view) {
    return view.positions();
  }

  @Override
  public OID index(RowView view, int position) {
    return view.index(position);
  }

  @Override
  public int find(RowView view, OID index) {
    int p = search(view, index);
    return p >= 0 ? p : -1;
  }

  @Override
  public int ceiling(RowView view, OID lowerBound) {
    int p = search(view, lowerBound);
    return p >= 0 ? p : -p - 1;
  }

  @Override
  public boolean present(RowView view, int position) {
    return view.present(position);
  }

  @Override
  public Variable value(RowView view, int position, int column) {
    return view.value(position, column);
  }

  /** The position of {@code index}, or {@code -(insertion point) - 1}. */
  private static int search(RowView view, OID index) {
    int lo = 0;
    int hi = view.positions() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = view.index(mid).compareTo(index);
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
}
