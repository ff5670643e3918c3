package dev.cpo.hal;

/**
 * The serial number and firmware revision of every entity as of one snapshot. A field-replaceable
 * unit swapped at run time (a new laser module) has its own here, while {@link Inventory} keeps what
 * the switch started with. Arrays indexed by {@link Entity#index()}, shared between snapshots until a
 * swap replaces them (never written after construction).
 */
public final class FruIdentities {

  private final String[] serialNumbers;
  private final String[] firmwareRevisions;

  /** @param serialNumbers per entity ("" where none); @param firmwareRevisions per entity ("" where none) */
  public FruIdentities(String[] serialNumbers, String[] firmwareRevisions) {
    if (serialNumbers.length != firmwareRevisions.length) {
      throw new IllegalArgumentException("one serial number and one firmware revision per entity");
    }
    this.serialNumbers = serialNumbers;
    this.firmwareRevisions = firmwareRevisions;
  }

  /** What the inventory says, with no firmware revisions known. */
  public static FruIdentities of(Inventory inventory) {
    int n = inventory.entities().size();
    String[] serials = new String[n];
    String[] firmware = new String[n];
    for (Entity e : inventory.entities()) {
      serials[e.index()] = e.serialNumber();
      firmware[e.index()] = "";
    }
    return new FruIdentities(serials, firmware);
  }

  int size() {
    return serialNumbers.length;
  }

  String serialNumber(int entity) {
    return serialNumbers[entity];
  }

  String firmwareRevision(int entity) {
    return firmwareRevisions[entity];
  }

  /** A copy with one entity's identity replaced. */
  public FruIdentities with(int entity, String serialNumber, String firmwareRevision) {
    String[] s = serialNumbers.clone();
    String[] f = firmwareRevisions.clone();
    s[entity] = serialNumber;
    f[entity] = firmwareRevision;
    return new FruIdentities(s, f);
  }
}
