// The signed-in person's own images, every level: change title, description and level, or delete.
import { call, currentUser } from './session.js';
import { confirmAction, describeFailure, field, formatBytes, h, heading, levelSelect, messageArea, notify } from './dom.js';
import { pagedList, picture } from './gallery.js';

export function showMine(main, { signal }) {
  const list = h('ul', { class: 'cards', 'aria-label': 'My images' });
  const usage = h('p', { class: 'usage', 'aria-live': 'polite' });
  const refreshUsage = () => showUsage(usage);
  main.append(heading('My images'), usage, list,
    ...pagedList(`/api/images?owner=${encodeURIComponent(currentUser().id)}`, list, (image) => imageCard(image, refreshUsage), signal));
  refreshUsage();
}

/** Usage against the quota, read afresh each time: uploads and deletes (here or on another device) change it. */
async function showUsage(element) {
  try {
    const { usage, quota } = await call('GET', '/api/users/me');
    element.replaceChildren(`Using ${formatBytes(usage.bytes)} of ${formatBytes(quota.maxBytes)}`
      + ` · ${usage.images} of ${quota.maxImages} images`);
  } catch {
    element.replaceChildren();
  }
}

function imageCard(image, refreshUsage) {
  const name = () => image.title || image.filename;
  const title = h('input', { name: 'title', type: 'text', maxlength: 200, value: image.title ?? '' });
  const description = h('textarea', { name: 'description', rows: 2, maxlength: 2000 }, image.description ?? '');
  const level = levelSelect(image.level);
  const message = messageArea();
  const card = h('li', { class: 'card' });
  const editor = h('form', { class: 'stack', 'aria-label': `Edit ${name()}` },
    field('Title', title), field('Description', description), field('Who can see it', level),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Save'),
      h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete')),
    message);
  editor.addEventListener('submit', save);
  card.append(
    image.url ? h('a', { href: `#/image/${image.id}` }, picture(image, { loading: 'lazy' })) : h('p', { class: 'pending' }, 'Upload not finished'),
    h('p', { class: 'meta' }, `${image.filename} · ${formatBytes(image.size)}`),
    editor);
  return card;

  async function save(event) {
    event.preventDefault();
    const changes = {};
    if (title.value.trim() !== (image.title ?? '')) changes.title = title.value.trim();
    if (description.value.trim() !== (image.description ?? '')) changes.description = description.value.trim();
    if (level.value !== image.level) changes.level = level.value;
    if (Object.keys(changes).length === 0) {
      message.show('Nothing to save.');
      return;
    }
    try {
      image = await call('PATCH', `/api/images/${image.id}`, changes);
      message.show('Saved.', 'success');
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  }

  async function remove() {
    if (!await confirmAction(`Delete “${name()}”? It is removed for good.`, 'Delete image')) return;
    try {
      await call('DELETE', `/api/images/${image.id}`);
      card.remove();
      refreshUsage();
      notify(`“${name()}” was deleted.`);
      document.querySelector('main h1').focus();
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  }
}
