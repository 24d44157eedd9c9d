// Small helpers shared by the launcher's targets: errors, password policy, codes, sessions.
import { createRequire } from 'node:module';
import { randomBytes, randomInt } from 'node:crypto';

const require = createRequire(import.meta.url);
/** Load a module from the pinned cognito-local 5.3.0 internals. */
export const cl = (p) => require(`cognito-local/lib/${p}`);

const { CognitoError } = cl('errors.js');
export { CognitoError };

export const cognitoError = (code, message) => new CognitoError(code, message);
export const notAuthorized = (message = 'Incorrect username or password.') => cognitoError('NotAuthorizedException', message);
export const invalidParameter = (message) => cognitoError('InvalidParameterException', message);
export const userNotFound = (message = 'User does not exist.') => cognitoError('UserNotFoundException', message);
export const codeMismatch = () => cognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
export const expiredCode = () => cognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');

// ---------------------------------------------------------------------------------------------
// Password policy (Cognito default: 8+ chars, upper, lower, digit, symbol)
const SYMBOLS = `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- `;
export const checkPasswordPolicy = (policy, password) => {
  const p = {
    MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true,
    ...(policy ?? {}),
  };
  const pw = typeof password === 'string' ? password : '';
  const fail = (why) => cognitoError('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  if (pw.length < (p.MinimumLength ?? 8)) throw fail('Password not long enough');
  if (pw.length > 256) throw fail('Password is too long');
  if (p.RequireUppercase && !/[A-Z]/.test(pw)) throw fail('Password must have uppercase characters');
  if (p.RequireLowercase && !/[a-z]/.test(pw)) throw fail('Password must have lowercase characters');
  if (p.RequireNumbers && !/[0-9]/.test(pw)) throw fail('Password must have numeric characters');
  if (p.RequireSymbols && ![...pw].some((c) => SYMBOLS.includes(c))) throw fail('Password must have symbol characters');
};

/** A random password that satisfies the default policy. */
export const strongPassword = (length = 20) => {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=_@'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
};

export const sixDigitCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const maskEmail = (email) => {
  const [local, domain] = String(email ?? '').split('@');
  if (!domain) return '***';
  const [host, ...rest] = domain.split('.');
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${rest.length ? `.${rest.join('.')}` : ''}`;
};

// ---------------------------------------------------------------------------------------------
// Recorded codes (what a real pool would have mailed), for GET /_local/codes
export class CodeRecorder {
  constructor(log = (line) => process.stderr.write(`${line}\n`)) {
    this.items = [];
    this.log = log;
  }

  record(email, purpose, code) {
    if (!email) return;
    const item = { email: String(email), purpose, code: String(code), createdAt: new Date().toISOString() };
    this.items.push(item);
    if (this.items.length > 5000) this.items.splice(0, this.items.length - 5000);
    this.log(`[cognito-local] code for ${item.email} (${purpose}): ${item.code}`);
  }

  list(email) {
    const key = String(email ?? '').trim().toLowerCase();
    return this.items.filter((i) => i.email.toLowerCase() === key).reverse();
  }
}

// ---------------------------------------------------------------------------------------------
// Auth sessions: opaque, single use, expiring (Cognito: 3 minutes)
export class SessionStore {
  constructor(ttlSeconds = 180) {
    this.ttlMs = ttlSeconds * 1000;
    this.map = new Map();
  }

  create(state) {
    this.prune();
    const id = randomBytes(96).toString('base64url');
    this.map.set(id, { ...state, expiresAt: Date.now() + this.ttlMs });
    return id;
  }

  take(id) {
    if (typeof id !== 'string') return null;
    const s = this.map.get(id);
    if (!s) return null;
    this.map.delete(id);
    return s.expiresAt > Date.now() ? s : null;
  }

  /** Puts a taken session back under its id, with its original expiry (a challenge that allows another attempt). */
  restore(id, state) {
    if (state.expiresAt > Date.now()) this.map.set(id, state);
  }

  prune() {
    const now = Date.now();
    for (const [k, v] of this.map) if (v.expiresAt <= now) this.map.delete(k);
  }
}
