// The faceplate: every entity of the running profile, laid out as on the hardware. The front panel has
// one group per laser module (its bay with 8 lasers above the ports they feed, each port with its lane
// lights); inside are the ASICs with their optical engines, then cooling, power, leak sensors.
// Every element carries data-entity, data-state, data-sev and an aria-label, so tests and screen
// readers find it and its state is told by glyph and text, not colour alone.

export const GLYPH = { up: '', degraded: '◐', ramping: '↑', down: '✕', failed: '✕', 'admin-down': '⏻', disabled: '⏻', absent: '∅' };
export const SEV_TEXT = { critical: 'CR', major: 'MJ', minor: 'MN', warning: 'WN', '': '' };
const NUM = (name) => Number((name.match(/(\d+)$/) || [0, 0])[1]);

function el(tag, cls, attrs) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export class Faceplate {
  constructor(root, inventory, { onSelect }) {
    this.root = root;
    this.inv = inventory;
    this.onSelect = onSelect;
    this.nodes = new Map(); // entity name -> element
    this.states = new Map(); // entity name -> [state, severity]
    this.byName = new Map(inventory.entities.map((e) => [e.name, e]));
    this.feeds = new Map(); // laser -> [lanes..., ports...]
    for (const m of inventory.laserMapping) this.feeds.set(m.laser, [...m.lanes, ...m.ports]);
    this.selected = null;
    this.render();
  }

  children(name, cls) {
    return this.inv.entities.filter((e) => e.parent === name && (!cls || e.class === cls)).sort((a, b) => a.position - b.position);
  }

  ofClass(cls) {
    return this.inv.entities.filter((e) => e.class === cls).sort((a, b) => a.position - b.position);
  }

  node(tag, cls, entity, label) {
    const e = el(tag, cls, { 'data-entity': entity.name, 'data-state': 'up', 'data-sev': '', role: 'button', tabindex: '-1' });
    e.dataset.label = label || entity.name;
    e.setAttribute('aria-label', `${e.dataset.label}: up`);
    e.title = e.dataset.label;
    this.nodes.set(entity.name, e);
    return e;
  }

  render() {
    const root = this.root;
    root.replaceChildren();
    const front = el('div', 'front', { 'aria-label': 'front panel' });
    // Which laser module feeds each port, from the inventory's laser -> lanes -> ports mapping.
    const portEls = new Map();
    for (const m of this.inv.laserMapping) {
      const els = this.byName.get(m.laser)?.parent;
      for (const p of m.ports) if (!portEls.has(p)) portEls.set(p, els);
    }
    const groups = new Map();
    for (const els of this.ofClass('laserModule')) groups.set(els.name, []);
    const unfed = [];
    for (const p of this.ofClass('port')) {
      const g = groups.get(portEls.get(p.name));
      (g || unfed).push(p);
    }
    for (const [elsName, ports] of groups) {
      const group = el('div', 'group');
      const elsEntity = this.byName.get(elsName);
      const bay = this.node('div', 'bay', elsEntity, `laser module ${elsName}`);
      bay.append(el('span', 'name'));
      bay.firstChild.textContent = elsName;
      for (const laser of this.children(elsName, 'laser')) {
        const l = this.node('span', 'laser', laser, `laser ${laser.name}`);
        l.addEventListener('mouseenter', () => this.highlight(laser.name));
        l.addEventListener('mouseleave', () => this.highlight(this.selectedLaser()));
        bay.append(l);
      }
      bay.append(this.sevBadge());
      group.append(bay);
      group.append(this.portGrid(ports));
      front.append(group);
    }
    if (unfed.length) {
      const group = el('div', 'group');
      group.append(this.portGrid(unfed));
      front.append(group);
    }
    root.append(front);

    const inside = el('div', 'inside', { 'aria-label': 'ASICs and optical engines' });
    for (const asic of this.ofClass('asic')) {
      const box = el('div', 'asic');
      box.append(this.tile(asic, asic.name));
      const engines = el('div', 'engines');
      for (const oe of this.children(asic.name, 'opticalEngine')) engines.append(this.tile(oe, oe.name));
      box.append(engines);
      inside.append(box);
    }
    root.append(inside);

    const cooling = el('div', 'cooling', { 'aria-label': 'cooling, power and chassis' });
    for (const cls of ['coolingLoop', 'fan', 'powerInput', 'chassis', 'leakSensor']) {
      for (const e of this.ofClass(cls)) cooling.append(this.tile(e, e.name));
    }
    root.append(cooling);

    root.addEventListener('click', (ev) => {
      const t = ev.target.closest('[data-entity]');
      if (t && root.contains(t)) {
        ev.stopPropagation();
        this.onSelect(t.dataset.entity);
      }
    });
  }

  portGrid(ports) {
    const grid = el('div', 'ports');
    const lanesPerPort = this.inv.lanesPerPort;
    for (const p of ports) {
      const port = this.node('div', 'port', p, `port ${p.name}`);
      const num = el('span', 'num');
      num.textContent = NUM(p.name);
      port.append(num, el('span', 'glyph', { 'aria-hidden': 'true' }), this.sevBadge());
      const lanes = el('span', 'lanes');
      for (let k = 1; k <= lanesPerPort; k++) {
        const name = `${p.name}/lane${k}`;
        const lane = this.byName.get(name);
        if (lane) lanes.append(this.node('span', 'lane', lane, `lane ${name}`));
      }
      port.append(lanes);
      grid.append(port);
    }
    return grid;
  }

  tile(entity, label) {
    const t = this.node('div', 'tile', entity, label);
    const name = el('span', 'tname');
    name.textContent = label;
    t.append(name, el('span', 'val'), el('span', 'glyph', { 'aria-hidden': 'true' }), this.sevBadge());
    return t;
  }

  sevBadge() {
    return el('b', 'sev', { 'data-sev': '', 'aria-hidden': 'true' });
  }

  /** Applies entity name -> [state, worst severity] pairs. */
  applyStates(states) {
    for (const [name, pair] of Object.entries(states)) {
      this.states.set(name, pair);
      const n = this.nodes.get(name);
      if (!n) continue;
      const [state, sev] = pair;
      n.dataset.state = state;
      n.dataset.sev = sev;
      const glyph = n.querySelector(':scope > .glyph');
      if (glyph) glyph.textContent = GLYPH[state] ?? '?';
      if (n.classList.contains('laser')) n.textContent = state === 'up' ? '' : (GLYPH[state] ?? '?');
      const badge = n.querySelector(':scope > .sev');
      if (badge) { badge.dataset.sev = sev; badge.textContent = SEV_TEXT[sev] ?? sev; }
      const text = `${n.dataset.label}: ${state.replace('-', ' ')}${sev ? `, worst alarm ${sev}` : ''}`;
      n.setAttribute('aria-label', text);
      n.title = text;
    }
  }

  /** Prints the faceplate's readings: entity -> kind -> value. */
  applyReadings(values) {
    for (const [name, r] of Object.entries(values)) {
      const n = this.nodes.get(name);
      const v = n && n.querySelector(':scope > .val');
      if (!v) continue;
      v.textContent = summary(r);
    }
  }

  select(name) {
    if (this.selected) this.nodes.get(this.selected)?.removeAttribute('data-selected');
    this.selected = this.nodes.has(name) ? name : null;
    const n = this.nodes.get(this.selected);
    if (n) {
      n.setAttribute('data-selected', 'true');
      n.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
    this.highlight(this.selectedLaser());
  }

  selectedLaser() {
    return this.selected && this.feeds.has(this.selected) ? this.selected : null;
  }

  /** Marks the lanes and ports a laser feeds (none for null). */
  highlight(laser) {
    for (const n of this.root.querySelectorAll('.feeds')) n.classList.remove('feeds');
    for (const name of this.feeds.get(laser) || []) this.nodes.get(name)?.classList.add('feeds');
  }
}

function summary(r) {
  const f = (v, u) => (v === null || v === undefined ? '–' : `${v}${u}`);
  if ('inlet_temp' in r) return `${f(r.inlet_temp, '°')}→${f(r.outlet_temp, '°')} ${f(r.flow, 'L')}`;
  if ('speed' in r) return f(r.speed, ' rpm');
  if ('temp' in r) return f(r.temp, '°C');
  if ('power' in r) return f(r.power, ' W');
  return '';
}
