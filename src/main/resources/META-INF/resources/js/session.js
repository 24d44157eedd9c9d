// Who is signed in. Access and ID tokens live only in this module's memory. The refresh token is kept in
// sessionStorage so that a reload does not sign the person out: it is scoped to this tab, gone when the tab
// closes, and never sent automatically (no cookie, so no CSRF); the CSP with Trusted Types guards it from
// injected scripts. A HttpOnly cookie would hide it from scripts too, but needs the service to set one.
import { send, uploadImage } from './api.js';

const REFRESH_TOKEN_KEY = 'lightbox.refreshToken';
/** Refresh this long before the access token expires, so that no call is made with an expired one. */
const REFRESH_MARGIN_MS = 60_000;

let accessToken = null;
let expiresAt = 0;
let refreshTimer = null;
let refreshing = null;
let profile = null;
let admin = false;
const listeners = new Set();

export function onSessionChange(listener) {
  listeners.add(listener);
}

function changed() {
  listeners.forEach((listener) => listener());
}

export const currentUser = () => profile;
export const isSignedIn = () => accessToken !== null;
export const isAdmin = () => admin;

/** Starts a session from a token response of sign-in, passwordless verify or a challenge. */
export async function begin(tokens) {
  keep(tokens);
  await loadProfile();
}

/** Resumes the tab's session after a reload, if it has one. */
export async function resume() {
  if (!sessionStorage.getItem(REFRESH_TOKEN_KEY)) return;
  try {
    await refresh();
    await loadProfile();
  } catch {
    end();
  }
}

export async function signOut() {
  try {
    await call('POST', '/api/auth/sign-out');
  } finally {
    end();
  }
}

/** Re-reads the profile, e.g. after choosing a username. */
export async function loadProfile() {
  profile = await call('GET', '/api/users/me');
  // The admin group's name is the service's setting: ask the service rather than guess it.
  admin = profile.groups.length > 0 && await call('GET', '/api/admin/groups').then(() => true, () => false);
  changed();
  return profile;
}

/** An API call as the signed-in person (or as a guest); refreshes the token first if it is about to expire. */
export async function call(method, path, body) {
  if (accessToken && Date.now() > expiresAt - REFRESH_MARGIN_MS / 2) await refresh().catch(end);
  try {
    return await send(method, path, { body, token: accessToken });
  } catch (error) {
    if (error.status !== 401 || !accessToken) throw error;
    // Revoked elsewhere (signed out everywhere, disabled): one refresh tells whether the session still stands.
    await refresh().catch((refreshError) => {
      end();
      throw refreshError;
    });
    return send(method, path, { body, token: accessToken });
  }
}

export async function upload(file, fields, onProgress) {
  if (Date.now() > expiresAt - REFRESH_MARGIN_MS / 2) await refresh();
  return uploadImage(file, fields, accessToken, onProgress);
}

function keep(tokens) {
  accessToken = tokens.accessToken;
  expiresAt = Date.now() + tokens.expiresIn * 1000;
  if (tokens.refreshToken) sessionStorage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(end), Math.max(5_000, expiresAt - Date.now() - REFRESH_MARGIN_MS));
}

function refresh() {
  refreshing ??= send('POST', '/api/auth/refresh', { body: { refreshToken: sessionStorage.getItem(REFRESH_TOKEN_KEY) } })
    .then(keep)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function end() {
  const wasSignedIn = accessToken !== null;
  accessToken = null;
  expiresAt = 0;
  profile = null;
  admin = false;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(REFRESH_TOKEN_KEY);
  if (wasSignedIn) changed();
}
