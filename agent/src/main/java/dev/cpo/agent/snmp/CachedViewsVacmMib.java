package dev.cpo.agent.snmp;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J-Agent's VACM with each view's vacmViewTreeFamilyTable rows kept between decisions.
 *
 * <p>{@link VacmMIB#isAccessAllowed(OctetString, OID)} runs for every object a GET, GETNEXT or
 * GETBULK looks at (more than once per variable binding of a walk); each time it copied the view's
 * rows out of the table and decoded every row's index back into its subtree. Here the rows of each
 * view and their subtrees are kept until the table's model reports a row added, removed or the table
 * cleared (an SNMP SET through vacmViewTreeFamilyStatus, or {@code addViewTreeFamily} and
 * {@code removeViewTreeFamily}), and the decision is the same loop as SNMP4J-Agent's, over the same
 * rows in the same order: a row's mask, type and status are read from the row at each decision, so a
 * SET of those columns counts at once. Until the table is registered, and so can be listened to,
 * nothing is kept.
 */
final class CachedViewsVacmMib extends VacmMIB {

  /** A row of the view and the subtree its index names. */
  private record Family(MOTableRow row, OID subtree) {}

  private static final Family[] NO_FAMILIES = new Family[0];

  private final Map<OctetString, Family[]> views = new ConcurrentHashMap<>();
  /** The view tree family table once registered; rows are kept only from then on. */
  private volatile DefaultMOTable<?, ?, ?> table;

  CachedViewsVacmMib(MOServer[] servers, SecurityModels securityModels) {
    super(servers, securityModels);
  }

  @Override
  public void registerMOs(MOServer server, OctetString context) throws DuplicateRegistrationException {
    super.registerMOs(server, context);
    if (table == null) {
      DefaultMOTable<?, ?, ?> found = viewTreeFamilyTable(server);
      if (found != null) {
        ((DefaultMOMutableTableModel<?>) found.getModel()).addMOTableModelListener(e -> views.clear());
        table = found;
      }
    }
  }

  /** The vacmViewTreeFamilyTable this MIB has just registered with {@code server}. */
  private static DefaultMOTable<?, ?, ?> viewTreeFamilyTable(MOServer server) {
    for (Iterator<Map.Entry<MOScope, ManagedObject<?>>> it = server.iterator(); it.hasNext(); ) {
      ManagedObject<?> mo = it.next().getValue();
      if (mo instanceof DefaultMOTable<?, ?, ?> t && vacmViewTreeFamilyEntryOID.equals(t.getOID())
          && t.getModel() instanceof DefaultMOMutableTableModel<?>) {
        return t;
      }
    }
    return null;
  }

  @Override
  public int isAccessAllowed(OctetString viewName, OID oid) {
    DefaultMOTable<?, ?, ?> t = table;
    if (t == null) {
      return super.isAccessAllowed(viewName, oid);
    }
    Family[] families = families(t, viewName);
    if (families.length == 0) {
      return VACM_NO_SUCH_VIEW;
    }
    // VacmMIB.isAccessAllowed(OctetString, OID) of SNMP4J-Agent 3.8.3, step for step.
    for (int v = families.length - 1; v >= 0; v--) {
      MOTableRow row = families[v].row;
      if (((Integer32) row.getValue(3)).getValue() == 1) { // vacmViewTreeFamilyStatus active
        OID subtree = families[v].subtree;
        if (oid.size() >= subtree.size()) {
          OctetString mask = (OctetString) row.getValue(0);
          boolean match = true;
          for (int i = 0; i < subtree.size(); i++) {
            if (subtree.get(i) != oid.get(i) && isBitSet(i, mask)) {
              match = false;
              break;
            }
          }
          if (match) {
            return ((Integer32) row.getValue(1)).getValue() == vacmViewIncluded ? VACM_OK : VACM_NOT_IN_VIEW;
          }
        }
      }
    }
    return VACM_NOT_IN_VIEW;
  }

  private Family[] families(DefaultMOTable<?, ?, ?> t, OctetString viewName) {
    Family[] cached = views.get(viewName);
    if (cached != null) {
      return cached;
    }
    // Under the model's lock, as its changes are: a row added after this read is followed by the
    // model's event, which empties the cache after this put.
    synchronized (t.getModel()) {
      Family[] loaded = load(t, viewName);
      views.put(new OctetString(viewName), loaded);
      return loaded;
    }
  }

  private Family[] load(DefaultMOTable<?, ?, ?> t, OctetString viewName) {
    List<MOTableRow> rows = getViews(viewName);
    if (rows.isEmpty()) {
      return NO_FAMILIES;
    }
    Family[] families = new Family[rows.size()];
    for (int i = 0; i < families.length; i++) {
      MOTableRow row = rows.get(i);
      families[i] = new Family(row, (OID) t.getIndexDef().getIndexValues(row.getIndex())[1]);
    }
    return families;
  }
}
