package dev.cpo.agent.snmp.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snmp4j.agent.DefaultMOScope;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.VariableBinding;

/**
 * {@link LiveMOTable}'s search over row positions finds the same cells as SNMP4J-Agent's
 * {@link DefaultMOTable} over the same model: for every lower bound in and around the table (before
 * it, on its entry, on each column, on and between each row's index, past its last row, past its last
 * column), included or not, with and without an upper bound, with a filter that refuses some cells, and
 * over rows that are absent, cells that do not exist and a column that cannot be read.
 */
class TableEquivalenceTest {

  private static final OID ENTRY = new OID("1.3.6.1.4.1.32473.99.1.1");

  /** Two-part indexes (a.b), some positions absent, some cells null. */
  private static final OID[] INDEXES = {new OID("1.1"), new OID("1.2"), new OID("1.10"), new OID("2.1"),
      new OID("3.7"), new OID("3.8"), new OID("4.1")};

  private static final RowSource<Integer> ROWS = new RowSource<>() {
    private final FixedRows<Integer> all = new FixedRows<>(INDEXES, (s, row, col) ->
        (row + col) % 4 == 3 ? null : new Integer32(100 * row + col + s));

    @Override
    public int size(Integer s) {
      return all.size(s);
    }

    @Override
    public OID index(Integer s, int position) {
      return all.index(s, position);
    }

    @Override
    public int find(Integer s, OID index) {
      return all.find(s, index);
    }

    @Override
    public int ceiling(Integer s, OID lowerBound) {
      return all.ceiling(s, lowerBound);
    }

    @Override
    public boolean present(Integer s, int position) {
      return position != 1 && position != 5 && position != 6;
    }

    @Override
    public org.snmp4j.smi.Variable value(Integer s, int position, int column) {
      return all.value(s, position, column);
    }
  };

  @SuppressWarnings("rawtypes")
  private static MOColumn[] columns() {
    return new MOColumn[] {
        new MOColumn<>(2, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_ONLY),
        new MOColumn<>(3, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_FOR_NOTIFY),
        new MOColumn<>(5, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_ONLY),
        new MOColumn<>(9, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_WRITE)};
  }

  private static MOTableIndex index() {
    return new MOTableIndex(new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_INTEGER, 1, 1),
        new MOTableSubIndex(SMIConstants.SYNTAX_INTEGER, 1, 1)});
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private final SnapshotTableModel<Integer> model = new SnapshotTableModel<>(() -> 7, ROWS, 4);
  @SuppressWarnings({"rawtypes", "unchecked"})
  private final DefaultMOTable generic = new DefaultMOTable(ENTRY, index(), columns(), model);
  @SuppressWarnings({"rawtypes", "unchecked"})
  private final LiveMOTable live = new LiveMOTable(ENTRY, index(), columns(), model);

  /** Lower bounds in and around the table. */
  private static List<OID> bounds() {
    List<OID> bounds = new ArrayList<>(List.of(new OID("1.3.6.1.4.1.32473.99"), new OID("1.3.6.1.4.1.32473.99.1"),
        ENTRY, new OID("1.3.6.1.4.1.32473.99.1.0"), new OID("1.3.6.1.4.1.32473.99.2"), new OID("1.3.6.1.4.1.32473.100")));
    for (int column = 0; column <= 11; column++) {
      OID c = new OID(ENTRY).append(column);
      bounds.add(c);
      for (String index : List.of("0", "1", "1.0", "1.1", "1.1.5", "1.2", "1.3", "1.10", "1.11", "2", "2.1", "3",
          "3.7", "3.8", "3.9", "4.1", "4.2", "5", "4294967295")) {
        bounds.add(new OID(c).append(new OID(index)));
      }
    }
    return bounds;
  }

  private static List<OID> upperBounds() {
    List<OID> uppers = new ArrayList<>();
    uppers.add(null);
    uppers.add(new OID(ENTRY).append(5).append(new OID("2.1")));
    uppers.add(new OID(ENTRY).append(9));
    return uppers;
  }

  @Test
  void findGivesTheSameCellForEveryScope() {
    int found = 0;
    for (OID lower : bounds()) {
      for (boolean included : new boolean[] {true, false}) {
        for (OID upper : upperBounds()) {
          for (boolean upperIncluded : new boolean[] {true, false}) {
            MOScope scope = new DefaultMOScope(lower, included, upper, upperIncluded);
            OID expected = generic.find(scope);
            assertThat(live.find(scope)).as("find " + scope).isEqualTo(expected);
            found += expected == null ? 0 : 1;
          }
        }
      }
    }
    assertThat(found).isGreaterThan(500);
  }

  @Test
  void nextGivesTheSameBindingForEveryScopeWithAndWithoutAFilter() {
    List<Function<OID, Boolean>> filters = new ArrayList<>();
    filters.add(null);
    // Leaves out column 5 but its row 1.10, and every cell of row 3.7.
    filters.add(oid -> !(oid.startsWith(new OID(ENTRY).append(5)) && !oid.equals(new OID(ENTRY).append(5).append(
        new OID("1.10")))) && !endsWith(oid, new OID("3.7")));
    int answered = 0;
    for (OID lower : bounds()) {
      for (boolean included : new boolean[] {true, false}) {
        for (OID upper : upperBounds()) {
          for (Function<OID, Boolean> filter : filters) {
            MOScope scope = new DefaultMOScope(lower, included, upper, true);
            VariableBinding a = new VariableBinding(lower);
            VariableBinding b = new VariableBinding(lower);
            boolean foundA = generic.next(subRequest(scope, a), filter);
            boolean foundB = live.next(subRequest(scope, b), filter);
            String what = "next " + scope + (filter == null ? "" : " filtered");
            assertThat(foundB).as(what).isEqualTo(foundA);
            assertThat(b).as(what).isEqualTo(a);
            answered += foundA ? 1 : 0;
          }
        }
      }
    }
    assertThat(answered).isGreaterThan(500);
  }

  @Test
  void anEmptyTableHasNoNextCell() {
    @SuppressWarnings({"rawtypes", "unchecked"})
    LiveMOTable empty = new LiveMOTable(ENTRY, index(), columns(),
        new SnapshotTableModel<>(() -> 7, new FixedRows<Integer>(new OID[0], (s, r, c) -> null), 4));
    assertThat(empty.find(new DefaultMOScope(ENTRY, true, null, false))).isNull();
    assertThat(empty.next(subRequest(new DefaultMOScope(ENTRY, true, null, false), new VariableBinding(ENTRY)), null))
        .isFalse();
  }

  private static boolean endsWith(OID oid, OID suffix) {
    return oid.size() >= suffix.size() && oid.rightMostCompare(suffix.size(), suffix) == 0;
  }

  /** The parts of a sub-request that a table's next() uses: scope, binding, completion; no request. */
  @SuppressWarnings("unchecked")
  private static SubRequest<?> subRequest(MOScope scope, VariableBinding vb) {
    return (SubRequest<?>) Proxy.newProxyInstance(TableEquivalenceTest.class.getClassLoader(),
        new Class<?>[] {SubRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getScope" -> scope;
          case "getVariableBinding" -> vb;
          case "completed", "getRequest" -> null;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
