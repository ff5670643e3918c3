// The alarm story: active alarms grouped by root cause, each with the entities it darkened, what to
// replace and whether that is field-replaceable, its symptoms folded under it; recently cleared below.
import { SEV_TEXT } from './faceplate.js';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Every active alarm, roots and their folded symptoms, in one list (for the detail panel). */
export function flatten(alarms) {
  const out = [];
  for (const r of alarms.rootCauses || []) {
    out.push(r);
    for (const s of r.symptoms || []) out.push(s);
  }
  return out;
}

const time = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export function renderStory(root, countEl, recentEl, alarms, onSelect) {
  const groups = alarms.rootCauses || [];
  countEl.textContent = `${groups.length} root cause${groups.length === 1 ? '' : 's'}, ${alarms.activeCount} active alarm${alarms.activeCount === 1 ? '' : 's'}`;
  if (!groups.length) {
    root.replaceChildren(el('p', 'hint', 'No active alarm.'));
  } else {
    root.replaceChildren(...groups.map((a) => {
      const symptoms = a.symptoms || [];
      const card = el('article', 'root');
      card.dataset.alarm = a.id;
      card.dataset.entity = a.entity;
      card.dataset.sev = a.severity;
      const title = el('div', 'title');
      const sev = el('b', 'sev', SEV_TEXT[a.severity] || a.severity);
      sev.dataset.sev = a.severity;
      sev.title = a.severity;
      const what = el('span', 'text', a.text);
      title.append(sev, el('strong', null, a.entity), what);
      card.append(title);
      if (a.affected && a.affected.length) {
        const ports = a.affected.filter((n) => !n.includes('/lane'));
        card.append(el('div', 'darkened', `darkened: ${ports.join(', ')}${a.affected.length > ports.length ? ` (${a.affected.length - ports.length} lanes)` : ''}`));
      }
      const s = a.serviceability || {};
      const rep = el('div', 'replace');
      rep.append(document.createTextNode(`replace: ${s.replace || '–'} `));
      rep.append(el('span', s.fieldReplaceable ? 'fru' : 'nofru', s.fieldReplaceable ? '✓ field-replaceable' : '✕ not field-replaceable'));
      card.append(rep);
      if (symptoms.length) {
        const d = el('details');
        d.append(el('summary', null, `${symptoms.length} symptom${symptoms.length === 1 ? '' : 's'}`));
        const ul = el('ul');
        for (const x of symptoms) {
          const li = el('li', null, `${x.severity} ${x.entity} ${x.condition}`);
          li.dataset.entity = x.entity;
          ul.append(li);
        }
        d.append(ul);
        card.append(d);
      }
      card.addEventListener('click', (ev) => {
        if (ev.target.closest('summary')) return;
        const li = ev.target.closest('li[data-entity]');
        onSelect(li ? li.dataset.entity : a.entity);
      });
      return card;
    }));
  }
  recentEl.replaceChildren(...(alarms.history || []).map((a) => {
    const li = el('li', null, `${time(a.raisedAtMillis)} → ${time(a.clearedAtMillis)} ${a.severity} ${a.entity}: ${a.condition}${a.rootCauseId ? ' (symptom)' : ''}`);
    li.dataset.entity = a.entity;
    li.addEventListener('click', () => onSelect(a.entity));
    return li;
  }));
}
