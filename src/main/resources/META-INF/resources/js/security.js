// Two-step sign-in (TOTP MFA): setting up an authenticator app, and turning it off.
import { call, currentUser, loadProfile } from './session.js';
import { describeFailure, field, h, heading, messageArea, notify } from './dom.js';

/** The secret in groups of four, as authenticator apps show typed-in keys. */
const grouped = (secret) => secret.match(/.{1,4}/g).join(' ');

export function showSecurity(main) {
  const message = messageArea();
  /** After a change the profile says the new state: the page is drawn again from it, with the focus on its heading. */
  const show = () => {
    main.replaceChildren(heading('Two-step sign-in'),
      currentUser().mfaEnabled ? enabled(message, show) : disabled(message, show), message);
    main.querySelector('h1').focus();
  };
  main.append(heading('Two-step sign-in'), currentUser().mfaEnabled ? enabled(message, show) : disabled(message, show), message);
}

function enabled(message, show) {
  return h('div', { class: 'stack' }, h('p', {}, 'Two-step sign-in is on: after your password, we ask for the code your authenticator app shows.'),
    h('button', {
      type: 'button', class: 'secondary', onclick: async () => {
        try {
          await call('PUT', '/api/auth/mfa', { enabled: false });
          await loadProfile();
          notify('Two-step sign-in is off.');
          show();
        } catch (error) {
          message.show(describeFailure(error), 'error');
        }
      },
    }, 'Turn off two-step sign-in'));
}

function disabled(message, show) {
  const start = h('button', { type: 'button' }, 'Set up an authenticator app');
  const area = h('div', { class: 'stack' }, h('p', {}, 'Protect your account with a code from an authenticator app (such as Google Authenticator or 1Password) each time you sign in.'), start);
  start.addEventListener('click', async () => {
    try {
      const { secret, otpauthUri } = await call('POST', '/api/auth/mfa/totp');
      area.replaceWith(confirmForm(secret, otpauthUri, message, show));
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  });
  return area;
}

function confirmForm(secret, otpauthUri, message, show) {
  const code = h('input', { name: 'code', type: 'text', required: true, inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6 });
  const submit = h('button', { type: 'submit' }, 'Turn on two-step sign-in');
  const element = h('form', { class: 'stack' },
    h('p', {}, 'Add Lightbox to your authenticator app with this key, or ', h('a', { href: otpauthUri }, 'open it in the app on this device'), '.'),
    h('p', {}, h('code', { class: 'secret', 'aria-label': 'Setup key' }, grouped(secret))),
    field('Code the app shows', code), submit);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.clear();
    try {
      await call('POST', '/api/auth/mfa/totp/verify', { code: code.value, deviceName: 'Authenticator app' });
      await loadProfile();
      notify('Two-step sign-in is on.');
      show();
    } catch (error) {
      message.show(error.code === 'auth.code_mismatch' ? 'That code is wrong: enter the one the app shows now.' : describeFailure(error), 'error');
    } finally {
      submit.disabled = false;
    }
  });
  return element;
}
