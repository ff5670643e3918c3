package dev.cpo.agent.snmp.mib;

import java.util.List;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.smi.OctetString;

/** Registers a fixed list of managed objects, and unregisters them in reverse. */
final class ModuleObjects {

  private final List<ManagedObject<?>> objects;

  ModuleObjects(List<ManagedObject<?>> objects) {
    this.objects = List.copyOf(objects);
  }

  void register(MOServer server, OctetString context) throws DuplicateRegistrationException {
    for (ManagedObject<?> o : objects) {
      server.register(o, context);
    }
  }

  void unregister(MOServer server, OctetString context) {
    for (int i = objects.size() - 1; i >= 0; i--) {
      server.unregister(objects.get(i), context);
    }
  }
}
