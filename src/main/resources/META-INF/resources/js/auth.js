// Signing up, in and out: the /api/auth calls that need no token, and choosing a username once.
import { send } from './api.js';
import { begin, call, currentUser, loadProfile } from './session.js';
import { describeFailure, field, go, h, heading, messageArea, notify } from './dom.js';

const PASSWORD_HINT = 'At least 8 characters with upper and lower case letters and a digit.';

function input(name, type, attributes = {}) {
  return h('input', { name, type, required: true, ...attributes });
}

const emailInput = (value) => input('email', 'email', { autocomplete: 'email', value });
const codeInput = (digits = '6') => input('code', 'text', {
  inputmode: 'numeric', autocomplete: 'one-time-code', pattern: `[0-9]{${digits}}`, maxlength: digits.split(',').pop(),
});

/**
 * A form whose submit runs {@code action} with its values, disabling the button meanwhile and showing a failure's
 * problem detail; {@code onFailure} may handle a failure itself by returning true.
 */
function form(label, controls, action, onFailure = () => false) {
  const message = messageArea();
  const submit = h('button', { type: 'submit' }, label);
  const element = h('form', { class: 'stack' }, controls, submit, message);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.clear();
    const values = Object.fromEntries(new FormData(element));
    try {
      await action(values);
    } catch (error) {
      if (!onFailure(error, message, values)) message.show(describeFailure(error), 'error');
    } finally {
      submit.disabled = false;
    }
  });
  return element;
}

async function signedIn(tokens, then) {
  await begin(tokens);
  if (!currentUser().username) go(`username?then=${encodeURIComponent(then)}`);
  else go(then);
}

function links(...items) {
  return h('ul', { class: 'links' }, items.map(([href, text]) => h('li', {}, h('a', { href }, text))));
}

export function showSignIn(main, { params }) {
  const then = params.get('then') ?? '';
  const email = params.get('email') ?? '';
  const signInForm = form('Sign in', [
    field('Email', emailInput(email)),
    field('Password', input('password', 'password', { autocomplete: 'current-password' })),
  ], async ({ email, password }) => {
    const result = await send('POST', '/api/auth/sign-in', { body: { email, password } });
    if (result.challenge === 'NEW_PASSWORD_REQUIRED') signInForm.replaceWith(newPasswordForm(email, result.session, then));
    else if (result.challenge === 'SOFTWARE_TOKEN_MFA') signInForm.replaceWith(authenticatorForm(email, result.session, then));
    else await signedIn(result, then);
  }, (error, message, values) => {
    if (error.code !== 'auth.user_not_confirmed') return false;
    message.replaceChildren('Confirm your email first: ', h('a', { href: `#/confirm?email=${encodeURIComponent(values.email)}` }, 'enter the code we sent you'), '.');
    return true;
  });
  main.append(heading('Sign in'), signInForm, links(
    [`#/sign-in-with-code?then=${encodeURIComponent(then)}`, 'Email me a sign-in code instead'],
    ['#/forgot-password', 'Forgot your password?'],
    ['#/sign-up', 'New here? Create an account']));
}

/** An invited person signs in with the temporary password from the invitation, then chooses their own. */
function newPasswordForm(email, session, then) {
  return h('div', {}, h('p', {}, 'Welcome! Choose your own password to finish signing in.'),
    form('Set password and sign in', [
      field('New password', input('newPassword', 'password', { autocomplete: 'new-password' }), PASSWORD_HINT),
    ], async ({ newPassword }) => {
      const tokens = await send('POST', '/api/auth/challenge', {
        body: { email, session, challenge: 'NEW_PASSWORD_REQUIRED', newPassword },
      });
      await signedIn(tokens, then);
    }));
}

/** The second step for a person with two-step sign-in on: the code their authenticator app shows now. */
function authenticatorForm(email, firstSession, then) {
  let session = firstSession;
  return h('div', {}, h('p', {}, 'Enter the 6-digit code your authenticator app shows for Lightbox.'),
    form('Verify and sign in', [field('Code from your authenticator app', codeInput())], async ({ code }) => {
      await signedIn(await send('POST', '/api/auth/challenge', {
        body: { email, session, challenge: 'SOFTWARE_TOKEN_MFA', code },
      }), then);
    }, (error, message) => retryWithSession(error, message, (next) => {
      session = next;
    })));
}

/** A wrong code that may be tried again: the problem carries the session for the next attempt. */
function retryWithSession(error, message, useSession) {
  if (error.code !== 'auth.code_mismatch' || !error.problem.session) return false;
  useSession(error.problem.session);
  const left = error.problem.attemptsLeft;
  message.show(`That code is wrong.${left ? ` ${left} ${left === 1 ? 'attempt' : 'attempts'} left.` : ' Try the next one.'}`, 'error');
  return true;
}

export function showPasswordless(main, { params }) {
  const then = params.get('then') ?? '';
  const startForm = form('Email me a code', [field('Email', emailInput(''))], async ({ email }) => {
    const { session } = await send('POST', '/api/auth/passwordless/start', { body: { email } });
    startForm.replaceWith(verifyForm(email, session));
  });

  function verifyForm(email, firstSession) {
    let session = firstSession;
    return h('div', {}, h('p', {}, `We emailed a code to ${email}. It works once, for a few minutes.`),
      form('Sign in', [field('Code', codeInput('6,8'))], async ({ code }) => {
        await signedIn(await send('POST', '/api/auth/passwordless/verify', { body: { email, session, code } }), then);
      }, (error, message) => retryWithSession(error, message, (next) => {
        session = next;
      })), links([`#/sign-in-with-code?then=${encodeURIComponent(then)}&again=${Date.now()}`, 'Send a new code']));
  }

  main.append(heading('Sign in with an emailed code'), startForm,
    links([`#/sign-in?then=${encodeURIComponent(then)}`, 'Sign in with your password instead']));
}

export function showSignUp(main) {
  main.append(heading('Create an account'), form('Sign up', [
    field('Email', emailInput('')),
    field('Name', input('name', 'text', { autocomplete: 'name', required: false, maxlength: 100 }), 'Optional.'),
    field('Password', input('password', 'password', { autocomplete: 'new-password' }), PASSWORD_HINT),
  ], async ({ email, name, password }) => {
    await send('POST', '/api/auth/sign-up', { body: { email, password, ...(name ? { name } : {}) } });
    notify(`We emailed a code to ${email}.`);
    go(`confirm?email=${encodeURIComponent(email)}`);
  }), links(['#/sign-in', 'Already have an account? Sign in']));
}

export function showConfirm(main, { params }) {
  const email = params.get('email') ?? '';
  const resendMessage = messageArea();
  main.append(heading('Confirm your email'), form('Confirm', [
    field('Email', emailInput(email)),
    field('Code from the email', codeInput()),
  ], async ({ email, code }) => {
    await send('POST', '/api/auth/confirm-sign-up', { body: { email, code } });
    notify('Your email is confirmed. Sign in to start sharing.');
    go(`sign-in?email=${encodeURIComponent(email)}`);
  }), h('button', {
    type: 'button', class: 'link', onclick: async () => {
      const address = main.querySelector('input[name=email]').value;
      await send('POST', '/api/auth/resend-code', { body: { email: address } })
        .then(() => resendMessage.show(`A new code is on its way to ${address}.`), (error) => resendMessage.show(describeFailure(error), 'error'));
    },
  }, 'Send a new code'), resendMessage);
}

export function showForgotPassword(main) {
  const requestForm = form('Email me a code', [field('Email', emailInput(''))], async ({ email }) => {
    await send('POST', '/api/auth/forgot-password', { body: { email } });
    requestForm.replaceWith(h('div', {}, h('p', {}, `If ${email} has an account, a code is on its way.`),
      form('Set new password', [
        field('Code from the email', codeInput()),
        field('New password', input('newPassword', 'password', { autocomplete: 'new-password' }), PASSWORD_HINT),
      ], async ({ code, newPassword }) => {
        await send('POST', '/api/auth/confirm-forgot-password', { body: { email, code, newPassword } });
        notify('Your password is changed. Sign in with it.');
        go(`sign-in?email=${encodeURIComponent(email)}`);
      })));
  });
  main.append(heading('Reset your password'), requestForm);
}

export function showUsername(main, { params }) {
  const then = params.get('then') ?? '';
  const user = currentUser();
  if (user.username) {
    main.append(heading('Your username'), h('p', {}, `You are @${user.username}. A username cannot be changed.`));
    return;
  }
  main.append(heading('Choose your username'), h('p', {}, 'Others see it beside the images you share. You choose it once: it cannot be changed later.'),
    form('Save username', [
      field('Username', input('username', 'text', { pattern: '[A-Za-z0-9_]{3,30}', autocomplete: 'username', maxlength: 30 }),
        '3 to 30 letters, digits or underscores.'),
    ], async ({ username }) => {
      await call('PUT', '/api/users/me/username', { username });
      await loadProfile();
      notify(`Welcome, @${username}!`);
      go(then);
    }));
}
