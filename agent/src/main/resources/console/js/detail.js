// The detail panel of the selected entity: readings with units and status, its four threshold levels,
// a trend chart over the history window, its alarms, and the fault menu for its class.
import { ApiError, follow, get, post, q } from './api.js';
import { GLYPH } from './faceplate.js';

const LEVELS = ['lowAlarm', 'lowWarning', 'highWarning', 'highAlarm'];
// Readings left off the chart: their scale says nothing on a linear axis beside the others.
const UNCHARTED = new Set(['pre_fec_ber', 'age', 'tec_current']);
const COLOURS = ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#cc79a7', '#d55e00', '#0072b2', '#ffffff'];

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const fmt = (v) => (v === null || v === undefined ? '–' : Math.abs(v) !== 0 && (Math.abs(v) < 0.01 || Math.abs(v) >= 1e6) ? v.toExponential(2) : Number(v.toFixed(3)).toString());

/** Which threshold a value is past, most severe first; 'ok' within them (or with none known). */
function crossed(v, t) {
  if (!t || v === null || v === undefined) return 'ok';
  if (t.lowAlarm !== null && v <= t.lowAlarm) return 'low alarm';
  if (t.highAlarm !== null && v >= t.highAlarm) return 'high alarm';
  if (t.lowWarning !== null && v <= t.lowWarning) return 'low warning';
  if (t.highWarning !== null && v >= t.highWarning) return 'high warning';
  return 'ok';
}

export class Detail {
  constructor(root, { inventory, catalog, onInjected }) {
    this.root = root;
    this.inv = inventory;
    this.catalog = catalog;
    this.onInjected = onInjected;
    this.byName = new Map(inventory.entities.map((e) => [e.name, e]));
    this.name = null;
    this.chart = null;
    this.history = null;
    this.unfollow = null;
  }

  show(name, state, alarms) {
    this.name = name;
    const e = this.byName.get(name);
    this.root.replaceChildren();
    if (!e) return;
    const head = el('div', 'head');
    const title = el('h2', null, e.name);
    title.id = 'detail-name';
    head.append(title);
    const fru = e.fieldReplaceable ? 'field-replaceable' : 'not field-replaceable';
    head.append(el('div', 'meta', `${e.class} · ${e.description} · ${fru}${e.serial ? ` · serial ${e.serial}` : ''}`));
    this.stateLine = el('div', 'meta');
    this.stateLine.id = 'detail-state';
    head.append(this.stateLine);
    this.root.append(head);
    this.setState(state);

    this.root.append(el('h3', null, 'Readings'));
    this.readings = el('div');
    this.readings.id = 'detail-readings';
    this.root.append(this.readings);
    this.root.append(el('h3', null, 'Trend (last 15 min of simulated time)'));
    this.chartBox = el('div', 'chart');
    this.chartBox.id = 'detail-chart';
    this.root.append(this.chartBox);
    this.root.append(el('h3', null, 'Thresholds'));
    this.thresholds = el('div');
    this.thresholds.id = 'detail-thresholds';
    this.root.append(this.thresholds);
    this.root.append(el('h3', null, 'Alarms'));
    this.alarmList = el('ul', 'alarms');
    this.alarmList.id = 'detail-alarms';
    this.root.append(this.alarmList);
    this.setAlarms(alarms);
    this.root.append(el('h3', null, 'Inject a fault'));
    this.root.append(this.faultMenu(e));
    if (this.chart) { this.chart.destroy(); this.chart = null; }
    this.history = null;
    this.follow(name);
  }

  /**
   * Follows the entity's detail stream: on each (re)connection the readings and the whole history are read once;
   * then the stream brings the readings of each snapshot ('detail') and each new history sample ('sample'),
   * so the panel asks nothing on a timer.
   */
  follow(name) {
    if (this.unfollow) this.unfollow();
    this.unfollow = follow(`/api/v1/console/events?entity=${q(name)}`, {
      onOpen: () => this.refresh(name),
      onEvent: (type, data) => {
        if (name !== this.name || data.entity !== name) return;
        if (type === 'detail') this.renderReadings(data.entities);
        else if (type === 'sample') this.addSample(data);
      },
      onDown: () => {},
    });
  }

  /** Stops following the detail (the panel is rebuilt for another inventory). */
  close() {
    if (this.unfollow) this.unfollow();
    this.unfollow = null;
    this.name = null;
  }

  setState(pair) {
    if (!this.stateLine || !pair) return;
    const [state, sev] = pair;
    this.stateLine.textContent = `state: ${GLYPH[state] ? `${GLYPH[state]} ` : ''}${state.replace('-', ' ')}${sev ? ` · worst alarm: ${sev}` : ' · no alarm'}`;
  }

  setAlarms(alarms) {
    if (!this.alarmList || !this.name) return;
    const mine = alarms.filter((a) => a.entity === this.name || (a.affected || []).includes(this.name));
    this.alarmList.replaceChildren(...(mine.length ? mine.map((a) => {
      const li = el('li', null, `${a.severity.toUpperCase()} ${a.condition}: ${a.text}`);
      li.dataset.alarm = a.id;
      return li;
    }) : [el('li', 'hint', 'none active')]));
  }

  /** Reads the readings and the whole history of `name` once (the stream brings what follows). */
  async refresh(name) {
    try {
      // One read for the entity and what it contains (a port's lanes).
      const [tel, h] = await Promise.all([get(`/api/v1/console/readings?entity=${q(name)}`), get(`/api/v1/history?entity=${q(name)}`)]);
      if (name !== this.name) return;
      this.history = h;
      this.renderThresholds(h);
      this.renderReadings(tel.entities);
      this.renderChart(h);
    } catch (err) {
      if (name === this.name && this.readings) this.readings.textContent = `cannot read: ${err.message}`;
    }
  }

  /** A new history sample from the stream: appended, and what fell out of the window dropped. */
  addSample(s) {
    const h = this.history;
    if (!h) return;
    const times = h.timesMillis;
    // A sample the history read already had.
    if (times.length && s.timeMillis <= times[times.length - 1]) return;
    times.push(s.timeMillis);
    for (const x of h.sensors) x.values.push(s.values[x.id] === undefined ? null : s.values[x.id]);
    let drop = 0;
    while (drop < times.length && times[drop] < s.timeMillis - h.windowMillis) drop++;
    if (drop) {
      times.splice(0, drop);
      for (const x of h.sensors) x.values.splice(0, drop);
    }
    this.renderChart(h);
  }

  renderReadings(entities) {
    const t = el('table');
    const head = el('tr');
    for (const h of ['entity', 'reading', 'value', 'unit', 'status']) head.append(el('th', null, h));
    t.append(head);
    for (const ent of entities) {
      for (const [kind, r] of Object.entries(ent.readings || {})) {
        const tr = el('tr');
        tr.dataset.sensor = `${ent.name}:${kind}`;
        // The reading's own status (ok, unavailable...) and, once the levels are known, where it stands.
        const level = r.status === 'ok' ? crossed(r.value, this.levels && this.levels.get(`${ent.name}:${kind}`)) : r.status;
        tr.append(el('td', null, ent.name), el('td', null, kind), el('td', 'num', fmt(r.value)), el('td', null, r.unit),
          el('td', level === 'ok' ? 'status-ok' : 'status-bad', level));
        t.append(tr);
      }
      if (ent.class === 'port') {
        const s = ent.status;
        const tr = el('tr');
        tr.append(el('td', null, ent.name), el('td', null, 'speed'), el('td', 'num', String(s.speedMbps / 1000)), el('td', null, 'Gb/s'),
          el('td', s.state === 'up' ? 'status-ok' : 'status-bad', `${s.lanesUp} lanes up`));
        t.append(tr);
      }
    }
    this.readings.replaceChildren(t);
  }

  renderThresholds(h) {
    this.levels = new Map(h.sensors.map((x) => [x.id, x.thresholds]));
    const t = el('table');
    const head = el('tr');
    for (const x of ['sensor', 'low alarm', 'low warning', 'high warning', 'high alarm']) head.append(el('th', null, x));
    t.append(head);
    for (const s of h.sensors) {
      const tr = el('tr');
      tr.dataset.sensor = s.id;
      tr.append(el('td', null, `${s.kind} (${s.unit})${h.sensors.some((o) => o.entity !== h.entity) ? ` ${s.entity.split('/').pop()}` : ''}`));
      for (const l of LEVELS) tr.append(el('td', 'num', fmt(s.thresholds[l])));
      t.append(tr);
    }
    this.thresholds.replaceChildren(t);
  }

  // From the first sample, or the window's start if the history is younger, to the last sample. From the
  // data, not uPlot's min and max: for a single sample uPlot proposes a day, in milliseconds, which in
  // seconds is a thousand days.
  timeRange(xs, min, max) {
    if (!xs || !xs.length) return [min, max];
    const last = xs[xs.length - 1];
    return [Math.min(xs[0], last - this.windowSeconds), last];
  }

  renderChart(h) {
    const charted = h.sensors.filter((s) => !UNCHARTED.has(s.kind));
    const units = [...new Set(charted.map((s) => s.unit))].slice(0, 2);
    const shown = charted.filter((s) => units.includes(s.unit));
    const data = [h.timesMillis.map((t) => t / 1000), ...shown.map((s) => s.values)];
    const key = shown.map((s) => s.id).join(',');
    if (!window.uPlot || !shown.length) {
      this.chartBox.textContent = shown.length ? 'chart library not loaded' : 'no readings to chart';
      return;
    }
    // The x axis spans the history's whole window (15 minutes) even while the history is younger (timeRange).
    this.windowSeconds = h.windowMillis / 1000;
    if (this.chart && this.chartKey === key) {
      this.chart.setData(data);
      return;
    }
    if (this.chart) this.chart.destroy();
    this.chartBox.replaceChildren();
    this.chartKey = key;
    const width = Math.max(300, this.root.clientWidth - 24);
    this.chart = new window.uPlot({
      width,
      height: 160,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: (u, min, max) => this.timeRange(u.data[0], min, max) } },
      axes: [
        { stroke: '#9aa3ad', grid: { stroke: '#2e343e' } },
        { scale: units[0], label: units[0], stroke: '#9aa3ad', grid: { stroke: '#2e343e' }, size: 50 },
        ...(units[1] ? [{ scale: units[1], label: units[1], side: 1, stroke: '#9aa3ad', grid: { show: false }, size: 50 }] : []),
      ],
      series: [{}, ...shown.map((s, i) => ({
        label: h.sensors.some((o) => o.entity !== h.entity) ? `${s.entity.split('/').pop()} ${s.kind}` : s.kind,
        scale: s.unit, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false,
      }))],
    }, data, this.chartBox);
    // For the browser's console and the tests: the chart drawn in this box.
    this.chartBox.uplot = this.chart;
  }

  faultMenu(e) {
    const box = el('div', 'fault-menu');
    const types = this.catalog.filter((t) => t.targetClasses.includes(e.class));
    if (!types.length) {
      box.append(el('p', 'hint', `no fault targets a ${e.class}`));
      return box;
    }
    const form = el('form', 'fault-form');
    form.id = 'fault-form';
    form.noValidate = true;
    const typeLabel = el('label', null, 'fault');
    const select = el('select');
    select.id = 'fault-type';
    select.name = 'type';
    for (const t of types) {
      const o = el('option', null, t.type);
      o.value = t.type;
      select.append(o);
    }
    typeLabel.htmlFor = 'fault-type';
    form.append(typeLabel, select);
    const desc = el('div', 'desc full');
    const params = el('div', 'full fault-form');
    params.id = 'fault-params';
    const submit = el('button', 'full', 'Inject');
    submit.type = 'submit';
    submit.id = 'fault-inject';
    const formError = el('span', 'error full');
    formError.id = 'fault-error';
    formError.setAttribute('role', 'alert');
    form.append(desc, params, submit, formError);

    const fill = () => {
      const t = types.find((x) => x.type === select.value);
      desc.textContent = t.description;
      params.replaceChildren();
      formError.textContent = '';
      for (const p of t.parameters) {
        const label = el('label', null, p.name);
        label.htmlFor = `param-${p.name}`;
        const cell = el('div');
        const input = el('input');
        Object.assign(input, { type: 'number', id: `param-${p.name}`, name: p.name, step: 'any', value: p.default });
        if (p.min !== null && p.min !== undefined) input.min = p.min;
        if (p.max !== null && p.max !== undefined) input.max = p.max;
        input.title = p.description;
        const err = el('div', 'error');
        err.id = `param-${p.name}-error`;
        err.setAttribute('role', 'alert');
        input.addEventListener('input', () => {
          const v = Number(input.value);
          err.textContent = input.value === '' || Number.isNaN(v) ? 'a number is needed'
            : (v < p.min || v > p.max) ? `out of range [${p.min}, ${p.max}] ${p.unit}` : '';
        });
        cell.append(input, el('span', 'param-unit', `${p.unit} [${p.min}, ${p.max}]`), err);
        params.append(label, cell);
      }
    };
    select.addEventListener('change', fill);
    fill();

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const t = types.find((x) => x.type === select.value);
      const body = { type: t.type, target: e.name };
      for (const p of t.parameters) {
        const input = form.querySelector(`#param-${p.name}`);
        body[p.name] = input.value === '' ? null : Number(input.value);
      }
      formError.textContent = '';
      for (const p of t.parameters) form.querySelector(`#param-${p.name}-error`).textContent = '';
      // The API is the judge of a request: what it refuses is shown next to the field it names.
      try {
        const created = await post('/api/v1/faults', body);
        formError.textContent = '';
        this.onInjected(created);
      } catch (err) {
        const detail = err instanceof ApiError ? `${err.detail}` : err.message;
        const field = t.parameters.find((p) => detail.includes(`'${p.name}'`));
        (field ? form.querySelector(`#param-${field.name}-error`) : formError).textContent = detail;
      }
    });
    box.append(form);
    return box;
  }
}
