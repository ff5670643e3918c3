// Lab controls: active faults with a clear button, simulator time scale and load, the scenario runner.
import { ApiError, del, get, post, q } from './api.js';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function renderFaults(list, faults, onSelect) {
  if (!faults.length) {
    list.replaceChildren(el('li', 'hint', 'none'));
    return;
  }
  list.replaceChildren(...faults.map((f) => {
    const li = el('li');
    li.dataset.fault = f.id;
    const params = Object.entries(f.parameters || {}).map(([k, v]) => `${k}=${v}`).join(' ');
    const what = el('span', 'what', `${f.id} ${f.type} on ${f.target}${params ? ` (${params})` : ''}`);
    what.addEventListener('click', () => onSelect(f.target));
    const clear = el('button', null, 'Clear');
    clear.type = 'button';
    clear.dataset.clear = f.id;
    clear.setAttribute('aria-label', `clear fault ${f.id} ${f.type} on ${f.target}`);
    clear.addEventListener('click', async () => {
      clear.disabled = true;
      try { await del(`/api/v1/faults/${q(f.id)}`); } catch (e) { what.textContent += ` – ${e.message}`; clear.disabled = false; }
    });
    li.append(what, clear);
    return li;
  }));
}

export function wireSim(form, errorEl) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errorEl.textContent = '';
    const body = {};
    for (const name of ['timeScale', 'load']) {
      const input = form.elements[name];
      if (input.value !== '' && input.dataset.dirty) body[name] = Number(input.value);
    }
    if (!Object.keys(body).length) return;
    try {
      await post('/api/v1/sim', body);
      for (const name of ['timeScale', 'load']) delete form.elements[name].dataset.dirty;
    } catch (e) {
      errorEl.textContent = e instanceof ApiError ? e.detail : e.message;
    }
  });
  for (const name of ['timeScale', 'load']) {
    // 'change' as well: a field emptied by a script (WebDriver's clear()) fires no 'input'.
    for (const type of ['input', 'change']) {
      form.elements[name].addEventListener(type, () => { form.elements[name].dataset.dirty = '1'; });
    }
  }
}

/** Shows the simulator's settings where the user is not editing them. */
export function showSim(form, tick) {
  for (const name of ['timeScale', 'load']) {
    const input = form.elements[name];
    if (!input.dataset.dirty && document.activeElement !== input && tick[name] !== undefined) input.value = tick[name];
  }
}

export class Runner {
  constructor({ select, load, run, yaml, state, error, timeline }) {
    Object.assign(this, { select, loadBtn: load, runBtn: run, yaml, state, error, timeline });
    this.loaded = null; // the file whose text is in the box, unedited
    this.loadBtn.addEventListener('click', () => this.load());
    this.runBtn.addEventListener('click', () => this.run());
    this.yaml.addEventListener('input', () => { this.loaded = null; });
  }

  async list() {
    const s = await get('/api/v1/scenarios');
    const current = this.select.value;
    this.select.replaceChildren(...s.files.map((f) => { const o = el('option', null, f); o.value = f; return o; }));
    if (s.files.includes(current)) this.select.value = current;
    this.select.title = `from ${s.source}`;
  }

  async load() {
    this.error.textContent = '';
    try {
      const f = await get(`/api/v1/scenarios/${q(this.select.value)}`);
      this.yaml.value = f.yaml;
      this.loaded = f.file;
    } catch (e) { this.error.textContent = e.message; }
  }

  async run() {
    this.error.textContent = '';
    // An unedited file runs as the file (named in the run); pasted or edited text runs as YAML.
    const asFile = this.yaml.value.trim() === '' || this.loaded === this.select.value;
    const body = asFile ? { file: this.select.value } : { yaml: this.yaml.value };
    try {
      const r = await post('/api/v1/scenarios/runs', body);
      this.follow(r.id);
    } catch (e) {
      this.error.textContent = e instanceof ApiError ? e.detail : e.message;
    }
  }

  follow(id) {
    clearTimeout(this.timer);
    const poll = async () => {
      try {
        const r = await get(`/api/v1/scenarios/runs/${q(id)}`);
        this.show(r);
        if (r.state === 'running') this.timer = setTimeout(poll, 400);
      } catch (e) {
        this.error.textContent = e.message;
        this.timer = setTimeout(poll, 1000);
      }
    };
    poll();
  }

  show(r) {
    this.state.dataset.state = r.state;
    this.state.textContent = `run ${r.id} (${r.source}): ${r.state.toUpperCase()} · ${r.stepsDone}/${r.steps.length} steps${r.error ? ` · ${r.error}` : ''}`;
    this.timeline.replaceChildren(...r.steps.map((s) => {
      const li = el('li');
      li.dataset.step = s.number;
      li.dataset.ok = s.ok === null ? 'pending' : String(s.ok);
      const text = el('span', null, s.text);
      if (s.result) text.append(el('span', 'result', ` → ${s.result}`));
      li.append(el('span', 'at', s.at), el('span', 'mark'), text);
      return li;
    }));
  }
}
