// The lab console: reads the inventory and fault catalog, builds the faceplate, then follows the
// control server's event stream. On every (re)connection it reads the whole picture and applies the
// stream's diffs newer than it; while the stream is down the header says 'disconnected'.
import { fleet, follow, get, useSwitch } from './api.js';
import { Faceplate } from './faceplate.js';
import { Detail } from './detail.js';
import { flatten, renderStory } from './story.js';
import { Runner, renderFaults, showSim, wireSim } from './lab.js';

const $ = (id) => document.getElementById(id);
const view = {
  faceplate: null, detail: null, inventoryKey: null, sequence: -1, base: -1, alarms: { rootCauses: [], activeCount: 0, history: [] },
  faults: [], catalog: [], pending: null,
};

function setLink(state) {
  const link = $('link');
  link.dataset.link = state;
  link.textContent = state;
}

/** The lean layout as the inventory's shape: rows to objects, and each port's lanes with what feeds them. */
function expand(layout) {
  const entities = layout.entities.map((r) => Object.fromEntries(layout.fields.map((f, i) => [f, r[i]])));
  const feeder = new Map();
  for (const m of layout.laserMapping) for (const lane of m.lanes) feeder.set(lane, m);
  const lanes = [];
  for (const p of entities.filter((e) => e.class === 'port')) {
    for (let k = 1; k <= layout.lanesPerPort; k++) {
      const name = `${p.name}/lane${k}`;
      const m = feeder.get(name);
      lanes.push({ name, class: 'lane', parent: p.name, position: k, fieldReplaceable: false, serial: '',
        description: `lane ${k} of ${p.name}${m ? `, light from ${m.laser} via ${m.engines.join(', ')}` : ''}` });
    }
  }
  return Object.assign({}, layout, { entities: entities.concat(lanes) });
}

async function build() {
  const [layout, catalog] = await Promise.all([get('/api/v1/console/layout'), get('/api/v1/faults/catalog').catch(() => [])]);
  const inventory = expand(layout);
  const key = `${inventory.profile}:${inventory.entities.length}`;
  if (key === view.inventoryKey) return;
  view.inventoryKey = key;
  view.catalog = catalog;
  const on = document.body.dataset.switch ? `${document.body.dataset.switch} · ` : '';
  $('model').textContent = `${on}${inventory.model} · profile ${inventory.profile} · ${inventory.counts.ports} ports`;
  document.body.dataset.profile = inventory.profile;
  const keep = view.detail?.name;
  view.detail?.close();
  view.faceplate = new Faceplate($('faceplate'), inventory, { onSelect: select });
  view.detail = new Detail($('detail'), { inventory, catalog, onInjected: () => {} });
  if (keep) select(keep);
}

function select(name) {
  if (!view.faceplate || !view.faceplate.nodes.has(name)) return;
  view.faceplate.select(name);
  view.detail.show(name, view.faceplate.states.get(name), flatten(view.alarms));
  history.replaceState(null, '', `#${encodeURIComponent(name)}`);
}

function applyPicture(p) {
  view.base = p.sequence;
  view.sequence = p.sequence;
  tick(p);
  view.faceplate.applyStates(p.states);
  view.faceplate.applyReadings(p.readings);
  alarms(p.alarms);
  faults(p.faults);
}

function tick(t) {
  $('sim-time').textContent = new Date(t.timeMillis).toISOString().replace('T', ' ').slice(0, 19);
  if (t.timeScale !== undefined) $('sim-scale').textContent = t.timeScale;
  if (t.load !== undefined) $('sim-load').textContent = t.load;
  showSim($('sim-form'), t);
}

function alarms(a) {
  view.alarms = a;
  renderStory($('story'), $('alarm-count'), $('recent'), a, select);
  view.detail?.setAlarms(flatten(a));
}

function faults(f) {
  view.faults = f;
  renderFaults($('faults'), f, select);
}

function onEvent(type, data) {
  // Events before the picture of this connection is read wait for it, then only newer ones apply.
  if (view.pending) {
    view.pending.push([type, data]);
    return;
  }
  apply(type, data);
}

function apply(type, data) {
  switch (type) {
    case 'tick':
      if (data.sequence <= view.sequence) return;
      view.sequence = data.sequence;
      tick(data);
      break;
    case 'states':
      // A diff from the picture's snapshot or before is in the picture already.
      if (data.sequence <= view.base) return;
      view.faceplate.applyStates(data.states);
      if (view.detail?.name && data.states[view.detail.name]) view.detail.setState(data.states[view.detail.name]);
      break;
    case 'readings':
      if (data.sequence > view.base) view.faceplate.applyReadings(data.values);
      break;
    case 'alarms':
      if (data.sequence > view.base) alarms(data);
      break;
    case 'faults':
      faults(data);
      break;
    case 'inventory':
      reconnect();
      break;
    default:
      break;
  }
}

async function reconnect() {
  view.pending = [];
  try {
    await build();
    const picture = await get('/api/v1/console/state');
    applyPicture(picture);
    const queued = view.pending;
    view.pending = null;
    for (const [type, data] of queued) apply(type, data);
    setLink('live');
    runner.list().catch(() => {});
  } catch (e) {
    view.pending = null;
    throw e;
  }
}

const runner = new Runner({
  select: $('scenario-file'), load: $('scenario-load'), run: $('scenario-run'), yaml: $('scenario-yaml'),
  state: $('scenario-state'), error: $('scenario-error'), timeline: $('timeline'),
});
wireSim($('sim-form'), $('sim-error'));

/**
 * In a fleet, the switch picker: ?switch=ID in the address chooses the switch whose faceplate, alarms,
 * faults and scenario runner the page shows (the first when none or an unknown one is asked for), and
 * picking another loads the page for it. A single agent has no /api/v1/switches, and no picker.
 */
async function pickSwitch() {
  let ids;
  try {
    ids = (await fleet()).switches.map((s) => s.id);
  } catch (e) {
    return;
  }
  const wanted = new URLSearchParams(location.search).get('switch');
  const chosen = ids.includes(wanted) ? wanted : ids[0];
  if (wanted && wanted !== chosen) $('switch-note').textContent = `no switch '${wanted}' in this fleet; showing ${chosen}`;
  useSwitch(chosen, ids[0]);
  document.body.dataset.switch = chosen;
  document.title = `${chosen} · cpo-agent lab console`;
  const picker = $('switch');
  for (const id of ids) picker.add(new Option(id, id, false, id === chosen));
  picker.addEventListener('change', () => {
    const next = new URL(location.href);
    next.searchParams.set('switch', picker.value);
    next.hash = '';
    location.assign(next);
  });
  $('switch-picker').hidden = false;
}

pickSwitch().finally(() => follow('/api/v1/console/events', {
  onOpen: async () => {
    await reconnect();
    if (!view.detail?.name && location.hash.length > 1) select(decodeURIComponent(location.hash.slice(1)));
  },
  onEvent,
  onDown: () => setLink('disconnected'),
}));
