// The control API as the page uses it. A bearer token (needed when the API is bound off loopback) is
// asked for once on a 401 and kept for the tab's session.

const TOKEN_KEY = 'cpo-agent-token';
const API = '/api/v1/';

// In a fleet, the switch the page shows: its routes are /api/v1/switches/{id}/..., and the plain
// /api/v1/... routes mean the fleet's first switch (as they do for a single agent).
let switchBase = '';

/** Points every later call at switch `id` of the fleet; `first` (or none) uses the plain routes. */
export function useSwitch(id, first) {
  switchBase = id && id !== first ? `${API}switches/${encodeURIComponent(id)}/` : '';
}

function url(path) {
  return switchBase && path.startsWith(API) ? switchBase + path.slice(API.length) : path;
}

/** An API refusal: HTTP status, the API's error code and its one-sentence detail. */
export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail || error || `HTTP ${status}`);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }
}

function headers(extra) {
  const h = Object.assign({ Accept: 'application/json' }, extra);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function call(method, path, body, plain) {
  // Every write says it is JSON (the server refuses others, so no plain web form can write).
  const type = method === 'GET' ? {} : { 'Content-Type': 'application/json' };
  const init = { method, headers: headers(type) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const target = plain ? path : url(path);
  let res = await fetch(target, init);
  if (res.status === 401 && askToken()) {
    init.headers = headers(type);
    res = await fetch(target, init);
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!res.ok) {
    throw new ApiError(res.status, json && json.error, json ? json.detail : text.slice(0, 200));
  }
  return json;
}

function askToken() {
  const t = window.prompt('This control API needs its bearer token (control.token):');
  if (!t) return false;
  sessionStorage.setItem(TOKEN_KEY, t.trim());
  return true;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const del = (path) => call('DELETE', path);
/** The fleet's switches (GET /api/v1/switches, never redirected to one switch); a single agent answers 404. */
export const fleet = () => call('GET', `${API}switches`, undefined, true);

/** An entity name as a path segment or query value (names hold '/'). */
export const q = (s) => encodeURIComponent(s);

/**
 * Follows a server-sent event stream with fetch (so the token header goes along), reconnecting after
 * a drop. onOpen runs on every (re)connection, onEvent(type, data) per event, onDown when the link is lost.
 * Returns a function that stops following.
 */
export function follow(path, { onOpen, onEvent, onDown }) {
  let stopped = false;
  let delay = 500;
  let abort = null;
  async function connect() {
    while (!stopped) {
      try {
        abort = new AbortController();
        const res = await fetch(url(path), { headers: headers({ Accept: 'text/event-stream' }), cache: 'no-store', signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        delay = 500;
        await onOpen();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let cut;
          while ((cut = buf.search(/\r?\n\r?\n/)) >= 0) {
            const frame = buf.slice(0, cut);
            buf = buf.slice(cut).replace(/^\r?\n\r?\n/, '');
            dispatch(frame, onEvent);
          }
        }
      } catch (e) {
        // falls through to the reconnect below
      }
      if (stopped) return;
      onDown();
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4000);
    }
  }
  connect();
  // Stopping closes the connection at once (the server forgets the follower), not at the next event.
  return () => { stopped = true; if (abort) abort.abort(); };
}

function dispatch(frame, onEvent) {
  let type = 'message';
  const data = [];
  for (const line of frame.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length) {
    try { onEvent(type, JSON.parse(data.join('\n'))); } catch (e) { console.warn('bad event', type, e); }
  }
}
