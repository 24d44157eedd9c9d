// The app's shell: hash routes (the service answers unknown paths with a JSON 404, so the page stays at /),
// the navigation, and notices that survive a route change.
import { go, h, notify } from './dom.js';
import { currentUser, isAdmin, isSignedIn, onSessionChange, resume, signOut } from './session.js';
import * as gallery from './gallery.js';
import * as auth from './auth.js';
import * as upload from './upload.js';
import * as mine from './mine.js';
import * as admin from './admin.js';
import * as security from './security.js';
import * as share from './share.js';

const routes = {
  '': gallery.showGallery,
  image: gallery.showImage,
  'sign-in': auth.showSignIn,
  'sign-in-with-code': auth.showPasswordless,
  'sign-up': auth.showSignUp,
  confirm: auth.showConfirm,
  'forgot-password': auth.showForgotPassword,
  username: auth.showUsername,
  upload: upload.showUpload,
  mine: mine.showMine,
  admin: admin.showAdmin,
  security: security.showSecurity,
  shared: share.showSharedWithMe,
  link: share.showLink,
};
/** Routes that need a signed-in person; guests are sent to sign in and come back afterwards. */
const signedInOnly = new Set(['upload', 'mine', 'shared', 'admin', 'username', 'security']);

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const notice = document.getElementById('notice');
let leaving = new AbortController();

function currentRoute() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  return { name, argument: rest.join('/'), params: new URLSearchParams(query) };
}

/** Shows the route's page; after navigating, the focus moves to its heading, as a new page load would read it first. */
async function render({ navigated = true } = {}) {
  leaving.abort();
  leaving = new AbortController();
  const route = currentRoute();
  const view = routes[route.name];
  if (signedInOnly.has(route.name) && !isSignedIn()) {
    notify('Sign in to continue.');
    location.replace(`#/sign-in?then=${encodeURIComponent(location.hash.slice(2))}`);
    return;
  }
  main.replaceChildren();
  if (!view) {
    main.append(h('h1', { tabindex: '-1' }, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the gallery')));
  } else {
    await view(main, { ...route, signal: leaving.signal });
  }
  if (navigated) main.querySelector('h1')?.focus();
  markCurrentLink();
}

function renderNav() {
  const user = currentUser();
  const links = [['', 'Gallery']];
  if (user) links.push(['upload', 'Upload'], ['mine', 'My images'], ['shared', 'Shared with me'], ['security', 'Security']);
  if (user && isAdmin()) links.push(['admin', 'Admin']);
  if (!user) links.push(['sign-in', 'Sign in'], ['sign-up', 'Sign up']);
  nav.replaceChildren(h('ul', {}, links.map(([route, label]) => h('li', {}, h('a', { href: `#/${route}` }, label))),
    user && h('li', { class: 'who' }, h('span', {}, user.username ? `@${user.username}` : user.email)),
    user && h('li', {}, h('button', { type: 'button', class: 'link', onclick: onSignOut }, 'Sign out'))));
  markCurrentLink();
}

function markCurrentLink() {
  const route = currentRoute().name;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${route}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function onSignOut() {
  await signOut().catch(() => {});
  notify('You are signed out.');
  go('');
}

onSessionChange(() => {
  renderNav();
  const user = currentUser();
  if (user && !user.username && currentRoute().name !== 'username') {
    notice.replaceChildren('Choose a username so that others see who shared your images: ',
      h('a', { href: '#/username' }, 'choose it now'), '.');
    delete notice.dataset.kind;
  }
});
// The skip link moves the focus without touching the hash, which holds the route.
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => {
  // A notice set just before navigating (e.g. "signed out") is kept for the next page, then cleared.
  if (notice.dataset.kept) delete notice.dataset.kept;
  else notice.textContent = '';
  render();
});

await resume();
renderNav();
render({ navigated: false });
