package dev.cpo.agent.snmp.mib;

import dev.cpo.agent.core.AgentView;
import dev.cpo.hal.Entity;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * ENTITY-MIB entPhysicalTable (RFC 6933), all 18 columns: every entity, then every sensor as a row of
 * class sensor(8) contained in its entity. The cells that never change are built once here.
 */
final class EntPhysicalTable {

  static final OID ENT_PHYSICAL_ENTRY = new OID("1.3.6.1.2.1.47.1.1.1.1");

  private static final OID ZERO_DOT_ZERO = new OID("0.0");
  private static final OctetString EMPTY = new OctetString();
  /** DateAndTime '0000000000000000'H: the manufacturing date is not known. */
  private static final OctetString UNKNOWN_DATE = new OctetString(new byte[8]);

  private final AgentView view;
  private final PhysicalLayout layout;
  private final OctetString[] descr;
  private final OctetString[] names;
  private final OctetString[] serials;
  private final OctetString[] models;
  private final OctetString[] uuids;
  private final Integer32[] containedIn;
  private final Integer32[] classes;
  private final Integer32[] relPos;
  private final Integer32[] fru;
  /** Rows 0..entities-1 are entities (their identity may change); sensors follow. */
  private final int entities;

  EntPhysicalTable(AgentView view, PhysicalLayout layout) {
    this.view = view;
    this.layout = layout;
    Inventory inv = layout.inventory();
    int n = layout.size();
    descr = new OctetString[n];
    names = new OctetString[n];
    serials = new OctetString[n];
    models = new OctetString[n];
    uuids = new OctetString[n];
    containedIn = new Integer32[n];
    classes = new Integer32[n];
    relPos = new Integer32[n];
    fru = new Integer32[n];
    entities = inv.entities().size();
    for (Entity e : inv.entities()) {
      int p = e.index();
      descr[p] = new OctetString(e.description());
      names[p] = new OctetString(e.name());
      serials[p] = new OctetString(e.serialNumber());
      models[p] = new OctetString(e.model());
      uuids[p] = uuidOf(inv, e);
      containedIn[p] = new Integer32(e.parent() == null ? 0 : layout.ofEntity(e.parent()));
      classes[p] = new Integer32(PhysicalClass.of(e.entityClass()));
      fru[p] = Tables.truth(e.fieldReplaceable());
    }
    for (Sensor s : inv.sensors()) {
      int p = layout.ofSensor(s.index()) - 1;
      Entity owner = inv.require(s.entity());
      descr[p] = new OctetString(s.kind().key().replace('_', ' ') + " sensor of " + owner.name());
      names[p] = new OctetString(s.id());
      serials[p] = EMPTY;
      models[p] = EMPTY;
      uuids[p] = EMPTY;
      containedIn[p] = new Integer32(owner.index() + 1);
      classes[p] = new Integer32(PhysicalClass.SENSOR);
      fru[p] = Tables.FALSE;
    }
    // RFC 6933 entPhysicalParentRelPos: siblings share entPhysicalContainedIn AND entPhysicalClass, so
    // an ASIC and a laser module (both module(9) in the chassis) are numbered in one sequence.
    Map<Long, Integer> lastPos = new HashMap<>();
    for (int p = 0; p < n; p++) {
      long key = ((long) containedIn[p].getValue() << 32) | classes[p].getValue();
      relPos[p] = new Integer32(lastPos.merge(key, 1, Integer::sum));
    }
  }

  private OctetString serialNow(HalSnapshot hal, int p) {
    String now = hal.serialNumber(p);
    return now.equals(serials[p].toString()) ? serials[p] : new OctetString(now);
  }

  private static OctetString text(String s) {
    return s.isEmpty() ? EMPTY : new OctetString(s);
  }

  /** entPhysicalContainedIn of the row at a 0-based position (0 for the chassis). */
  int containedIn(int position) {
    return containedIn[position].getValue();
  }

  /** A name-based UUID from the serial number where there is one; zero-length (unknown) otherwise. */
  private static OctetString uuidOf(Inventory inv, Entity e) {
    return uuidOf(inv, e, e.serialNumber());
  }

  /** The UUID of the unit now in place: a swapped module is another unit. */
  private static OctetString uuidOf(Inventory inv, Entity e, String serial) {
    if (serial.isEmpty()) {
      return EMPTY;
    }
    UUID u = UUID.nameUUIDFromBytes((inv.model() + "/" + e.model() + "/" + serial)
        .getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return new OctetString(b.array());
  }

  @SuppressWarnings("rawtypes")
  ManagedObject<?> table() {
    int s = SMIConstants.SYNTAX_OCTET_STRING;
    int i = SMIConstants.SYNTAX_INTEGER;
    // entPhysicalDescr(2) .. entPhysicalUUID(19)
    MOColumn[] cols = Tables.readOnly(2, s, SMIConstants.SYNTAX_OBJECT_IDENTIFIER, i, i, i, s, s, s, s, s, s, s, s, s,
        i, s, s, s);
    return Tables.table(ENT_PHYSICAL_ENTRY, Tables.integerIndex(1), cols, () -> new RowView() {
      private final HalSnapshot hal = view.latest().hal();

      @Override
      public int positions() {
        return layout.size();
      }

      @Override
      public OID index(int position) {
        return layout.index(position);
      }

      @Override
      public boolean present(int position) {
        return layout.present(hal, position);
      }

      @Override
      public Variable value(int p, int column) {
        return switch (column) {
          case 0 -> descr[p];
          case 1 -> ZERO_DOT_ZERO;
          case 2 -> containedIn[p];
          case 3 -> classes[p];
          case 4 -> relPos[p];
          case 5 -> names[p];
          case 7 -> p < entities ? text(hal.firmwareRevision(p)) : EMPTY;
          case 9 -> p < entities ? serialNow(hal, p) : serials[p];
          case 11 -> models[p];
          case 14 -> fru[p];
          case 15 -> UNKNOWN_DATE;
          case 16 -> EMPTY;
          case 17 -> p < entities && !hal.serialNumber(p).equals(serials[p].toString())
              ? uuidOf(layout.inventory(), layout.inventory().entities().get(p), hal.serialNumber(p)) : uuids[p];
          // hardware and software revisions, manufacturer, alias, asset id: not known
          default -> EMPTY;
        };
      }
    });
  }
}
