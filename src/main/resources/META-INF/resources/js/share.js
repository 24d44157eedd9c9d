// Sharing: the owner's panel on an image page (people, groups, links), "Shared with me", and the page a link opens.
import { send } from './api.js';
import { call } from './session.js';
import { confirmAction, describeFailure, field, formatDate, h, heading, messageArea } from './dom.js';
import { pagedList, picture } from './gallery.js';

const LINK_LIFETIMES = [['3600', '1 hour'], ['86400', '1 day'], ['604800', '7 days'], ['2592000', '30 days']];

/** The address a link opens at: the secret sits in the fragment, which browsers never send to a server. */
const linkAddress = (secret) => `${location.origin}/#/link/${secret}`;

/** Who sees a private image besides its owner, and its links; {@code canShare} is false for admins (see, withdraw). */
export function sharingPanel(image, canShare) {
  const grants = h('ul', { class: 'shares', 'aria-label': 'Shared with' });
  const links = h('ul', { class: 'shares', 'aria-label': 'Links' });
  const message = messageArea();
  const panel = h('section', { class: 'sharing', 'aria-labelledby': 'sharing-heading' },
    h('h2', { id: 'sharing-heading' }, 'Sharing'),
    canShare && shareForm(), grants,
    h('h3', {}, 'Links'), h('p', { class: 'hint' }, 'Anyone with a link sees this image, without an account, until it expires or you revoke it.'),
    canShare && linkForm(), links, message);
  reload();
  return panel;

  async function reload() {
    try {
      const [grantPage, linkPage] = [await call('GET', `/api/images/${image.id}/grants?limit=100`),
        await call('GET', `/api/images/${image.id}/links?limit=100`)];
      grants.replaceChildren(...grantPage.items.map(grantItem));
      if (!grantPage.items.length) grants.append(h('li', { class: 'hint' }, 'Not shared with anyone.'));
      links.replaceChildren(...linkPage.items.map(linkItem));
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  }

  function shareForm() {
    const kind = h('select', { name: 'kind' }, h('option', { value: 'user' }, 'A person (username)'), h('option', { value: 'group' }, 'A group'));
    const name = h('input', { name: 'grantee', type: 'text', required: true, maxlength: 128, autocomplete: 'off' });
    const form = h('form', { class: 'inline', 'aria-label': 'Share with' },
      field('Share with', kind), field('Username or group', name), h('button', { type: 'submit' }, 'Share'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call('POST', `/api/images/${image.id}/grants`, { [kind.value]: name.value.trim().replace(/^@/, '') });
        message.show(`Shared with ${name.value.trim()}.`, 'success');
        name.value = '';
        reload();
      } catch (error) {
        message.show(describeFailure(error), 'error');
      }
    });
    return form;
  }

  function grantItem(grant) {
    const who = grant.group ? `Group ${grant.group}` : grant.username ? `@${grant.username}` : 'A member without a username';
    return h('li', {}, h('span', {}, who), h('button', {
      type: 'button', class: 'secondary', 'aria-label': `Stop sharing with ${who}`,
      onclick: () => act('DELETE', `/api/images/${image.id}/grants/${grant.id}`, `No longer shared with ${who}.`),
    }, 'Stop sharing'));
  }

  function linkForm() {
    const lifetime = h('select', { name: 'lifetime' },
      LINK_LIFETIMES.map(([seconds, label]) => h('option', { value: seconds, selected: seconds === '86400' }, label)));
    const opens = h('input', { name: 'maxOpens', type: 'number', min: 1, max: 1000000, inputmode: 'numeric' });
    const created = h('div', { class: 'created-link', hidden: true });
    const form = h('form', { class: 'inline', 'aria-label': 'New link' },
      field('Works for', lifetime), field('Opens at most', opens, 'Empty: no limit'), h('button', { type: 'submit' }, 'Create link'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const body = { expiresInSeconds: Number(lifetime.value) };
        if (opens.value) body.maxOpens = Number(opens.value);
        const { secret } = await call('POST', `/api/images/${image.id}/links`, body);
        const address = h('input', { type: 'text', readonly: true, value: linkAddress(secret), 'aria-label': 'New link' });
        created.replaceChildren(address, h('button', { type: 'button', onclick: () => copy(address) }, 'Copy link'),
          h('p', { class: 'hint' }, 'Copy it now: it is shown only once.'));
        created.hidden = false;
        reload();
      } catch (error) {
        message.show(describeFailure(error), 'error');
      }
    });
    return h('div', {}, form, created);
  }

  async function copy(address) {
    address.select();
    try {
      await navigator.clipboard.writeText(address.value);
      message.show('Link copied.', 'success');
    } catch {
      message.show('Copy the selected link with your keyboard or menu.');
    }
  }

  function linkItem(link) {
    const opens = link.maxOpens ? `${link.opens} of ${link.maxOpens} opens` : `${link.opens} opens`;
    return h('li', {}, h('span', {}, `${link.status} · until ${formatDate(link.expiresAt)} · ${opens}`),
      link.status === 'active' && h('button', {
        type: 'button', class: 'danger', 'aria-label': `Revoke the link made ${formatDate(link.createdAt)}`,
        onclick: () => act('DELETE', `/api/images/${image.id}/links/${link.id}`, 'The link was revoked.'),
      }, 'Revoke'));
  }

  async function act(method, path, done) {
    if (!await confirmAction(`${done.replace(/\.$/, '')}: are you sure?`, 'Yes')) return;
    try {
      await call(method, path);
      message.show(done, 'success');
      reload();
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  }
}

export function showSharedWithMe(main, { signal }) {
  const grid = h('ul', { class: 'grid', 'aria-label': 'Shared with me' });
  main.append(heading('Shared with me'), grid, ...pagedList('/api/images/shared-with-me', grid, (image) => h('li', {},
    h('a', { href: `#/image/${image.id}`, class: 'tile' }, picture(image, { loading: 'lazy' }),
      h('span', { class: 'caption', 'aria-hidden': 'true' }, image.title || image.filename))), signal));
}

/** The page a share link opens: no account, one image, its short-lived URL renewed by opening the link again. */
export async function showLink(main, { argument: secret }) {
  let opened;
  try {
    opened = await send('POST', '/api/links/open', { body: { secret } });
  } catch (error) {
    main.append(heading('This link does not open'), h('p', {}, describeFailure(error)));
    return;
  }
  const { image } = opened;
  main.append(heading(image.title || image.filename),
    h('figure', { class: 'large' }, h('img', { src: image.url, alt: image.title || image.description || image.filename,
      width: image.width, height: image.height }), image.description && h('figcaption', {}, image.description)),
    h('p', { class: 'hint' }, `Shared with you by link, until ${formatDate(opened.linkExpiresAt)}`
      + (opened.opensLeft === null ? '.' : `, ${opened.opensLeft} more opens.`)));
}
