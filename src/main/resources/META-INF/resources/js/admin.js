// User management for the admin group: search, invite, groups, disable/enable, reset password, delete.
import { call } from './session.js';
import { confirmAction, describeFailure, field, formatDate, h, heading, messageArea } from './dom.js';

const STATUSES = ['UNCONFIRMED', 'CONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED'];

export async function showAdmin(main, { signal }) {
  const groups = (await call('GET', '/api/admin/groups').catch(() => ({ items: [] }))).items.map((group) => group.name);
  const results = h('ul', { class: 'users', 'aria-label': 'Users' });
  const status = messageArea();
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'More users');
  let query = '';
  let cursor = null;
  let search = 0;

  async function load(reset) {
    if (reset) {
      results.replaceChildren();
      cursor = null;
      search += 1;
    }
    // A page that arrives after a newer search began belongs to the old one: it is dropped.
    const thisSearch = search;
    status.show('Loading…');
    try {
      const page = await call('GET', `/api/admin/users?limit=25${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (signal.aborted || thisSearch !== search) return;
      results.append(...page.items.map((user) => userEntry(user, groups)));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.show(results.children.length ? `${results.children.length} users shown.` : 'No users match.');
    } catch (error) {
      status.show(describeFailure(error), 'error');
    }
  }
  more.addEventListener('click', () => load(false));

  main.append(heading('Users'), searchForm(groups, (filter) => {
    query = filter;
    load(true);
  }), status, results, more, h('h2', {}, 'Invite someone'), inviteForm(groups, () => load(true)));
  load(true);
}

/** The service filters on one thing at a time: email prefix, group or status; choosing one clears the others. */
function searchForm(groups, onSearch) {
  const email = h('input', { name: 'email', type: 'search', placeholder: 'e.g. anna@' });
  const group = h('select', { name: 'group' }, h('option', { value: '' }, 'Any group'), groups.map((name) => h('option', { value: name }, name)));
  const state = h('select', { name: 'status' }, h('option', { value: '' }, 'Any status'), STATUSES.map((name) => h('option', { value: name }, name)));
  const controls = [email, group, state];
  controls.forEach((control) => control.addEventListener('input', () => {
    controls.filter((other) => other !== control).forEach((other) => { other.value = ''; });
  }));
  const element = h('form', { class: 'search', role: 'search' },
    field('Email starts with', email), field('In group', group), field('Status', state),
    h('button', { type: 'submit' }, 'Search'));
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = controls.find((control) => control.value.trim());
    onSearch(chosen ? `&${chosen.name}=${encodeURIComponent(chosen.value.trim())}` : '');
  });
  return element;
}

function inviteForm(groups, onInvited) {
  const message = messageArea();
  const email = h('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { name: 'name', type: 'text', maxlength: 100 });
  const boxes = groups.map((group) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: group }), group));
  const element = h('form', { class: 'stack' }, field('Email', email), field('Name', name, 'Optional.'),
    h('fieldset', {}, h('legend', {}, 'Groups'), boxes), h('button', { type: 'submit' }, 'Send invitation'), message);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = boxes.map((box) => box.firstChild).filter((box) => box.checked).map((box) => box.value);
    try {
      await call('POST', '/api/admin/users', { email: email.value.trim(), ...(name.value.trim() ? { name: name.value.trim() } : {}), groups: chosen });
      message.show(`Invitation sent to ${email.value.trim()}: they sign in with the temporary password in it.`, 'success');
      element.reset();
      onInvited();
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  });
  return element;
}

/** One user: a summary line, and their management controls behind a disclosure. */
function userEntry(user, groups) {
  const message = messageArea();
  const summary = h('span', {});
  const entry = h('li', { class: 'user' });
  const path = `/api/admin/users/${user.id}`;

  function describe() {
    summary.replaceChildren(h('strong', {}, user.email), ` ${user.username ? `@${user.username}` : ''} · ${user.status}`,
      user.enabled ? '' : h('span', { class: 'badge' }, 'disabled'),
      user.mfaEnabled ? h('span', { class: 'badge' }, 'two-step') : '',
      user.groups.length ? ` · ${user.groups.join(', ')}` : '');
  }

  async function act(label, work, done) {
    try {
      await work();
      user = await call('GET', path);
      // The controls are rebuilt from the new state: keep the keyboard focus where it was.
      const focused = focusable().indexOf(document.activeElement);
      describe();
      render();
      if (focused >= 0) focusable()[focused]?.focus();
      message.show(done, 'success');
    } catch (error) {
      message.show(`${label} failed: ${describeFailure(error)}`, 'error');
    }
  }

  const controls = h('div', { class: 'stack' });
  const focusable = () => [...controls.querySelectorAll('button, input')];
  function render() {
    controls.replaceChildren(
      h('p', {}, `Created ${formatDate(user.createdAt)}${user.name ? ` · ${user.name}` : ''}`),
      h('fieldset', {}, h('legend', {}, 'Groups'), groups.map((group) => {
        const box = h('input', { type: 'checkbox', checked: user.groups.includes(group) });
        box.addEventListener('change', () => act('Changing groups', () => call(box.checked ? 'PUT' : 'DELETE', `${path}/groups/${group}`),
          box.checked ? `Added to ${group}.` : `Removed from ${group}.`));
        return h('label', { class: 'check' }, box, group);
      })),
      h('div', { class: 'actions' },
        user.enabled
          ? h('button', { type: 'button', class: 'secondary', onclick: () => act('Disabling', () => call('POST', `${path}/disable`), 'Disabled and signed out everywhere.') }, 'Disable')
          : h('button', { type: 'button', class: 'secondary', onclick: () => act('Enabling', () => call('POST', `${path}/enable`), 'Enabled.') }, 'Enable'),
        h('button', { type: 'button', class: 'secondary', onclick: () => act('Resetting the password', () => call('POST', `${path}/reset-password`), 'They must choose a new password at their next sign-in.') }, 'Reset password'),
        user.mfaEnabled && h('button', { type: 'button', class: 'secondary', onclick: () => act('Resetting two-step sign-in', () => call('POST', `${path}/reset-mfa`), 'Two-step sign-in is off: their password alone signs them in until they set up an app again.') }, 'Reset two-step sign-in'),
        h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete user')),
      message);
  }

  async function remove() {
    const images = await call('GET', `/api/images?owner=${user.id}&limit=100`).catch(() => null);
    const count = images ? `${images.items.length}${images.nextCursor ? ' or more' : ''}` : 'all';
    const question = `Delete ${user.email}? This removes their account, their profile${user.username ? ` (@${user.username})` : ''} `
      + `and ${count} ${count === '1' ? 'image' : 'images'} they shared, for good.`;
    if (!await confirmAction(question, 'Delete user')) return;
    try {
      await call('DELETE', path);
      entry.replaceChildren(h('p', {}, `${user.email} was deleted.`));
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  }

  describe();
  render();
  entry.append(h('details', {}, h('summary', {}, summary), controls));
  return entry;
}
