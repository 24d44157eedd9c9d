// Building DOM nodes from data. Text always goes in as text nodes, never as markup: the page's
// Content-Security-Policy requires Trusted Types, so no HTML string ever reaches the document.

/** An element with attributes ("on…" keys add listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

let nextId = 0;

/** A labelled form control: the label names it for screen readers and enlarges its click target. */
export function field(label, control, hint) {
  control.id ||= `field-${++nextId}`;
  const hintElement = hint ? h('small', { id: `${control.id}-hint`, class: 'hint' }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintElement);
}

export function heading(text) {
  return h('h1', { tabindex: '-1' }, text);
}

/** A region that announces what it is given: "status" for progress, "alert" for failures. */
export function messageArea() {
  const area = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  return Object.assign(area, {
    show(text, kind = 'info') {
      area.textContent = text;
      area.dataset.kind = kind;
    },
    clear() {
      area.textContent = '';
      delete area.dataset.kind;
    },
  });
}

/** What a failed call means to a person: the problem's detail and its field errors. */
export function describeFailure(error) {
  const problem = error?.problem;
  if (!problem) return error?.message || 'Something went wrong.';
  const fields = (problem.errors ?? []).map((fieldError) => `${fieldError.field} ${fieldError.message}`);
  return [problem.detail || problem.title || `Request failed (${error.status})`, ...fields].join(' · ');
}

export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDate(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Asks before something that cannot be undone; resolves true only when the person confirms. */
export function confirmAction(question, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-question' },
      h('p', { id: 'confirm-question' }, question),
      h('form', { method: 'dialog', class: 'actions' },
        h('button', { value: 'cancel', class: 'secondary' }, 'Cancel'),
        h('button', { value: 'confirm', class: 'danger' }, confirmLabel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export const LEVELS = [
  ['public', 'Public: anyone can see it'],
  ['protected', 'Protected: anyone can see it, kept in your own folder'],
  ['private', 'Private: only you can see it'],
];

export function levelSelect(selected = 'private') {
  return h('select', { name: 'level' },
    LEVELS.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/** Shows a message above the page, announced to screen readers; it stays through the next route change. */
export function notify(text, kind = 'info') {
  const notice = document.getElementById('notice');
  notice.textContent = text;
  notice.dataset.kind = kind;
  notice.dataset.kept = 'true';
}

export function go(route) {
  location.hash = `#/${route}`;
}
