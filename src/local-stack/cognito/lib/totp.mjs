// RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, 30-second steps, 6 digits,
// base32 secrets (RFC 4648, no padding). Shared by the emulator and by tests that play the authenticator app.
import { createHmac, randomBytes } from 'node:crypto';

export const STEP_SECONDS = 30;
/** Steps either side of now that still count: clocks of phones drift, and people type slowly. */
export const WINDOW_STEPS = 1;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const base32Encode = (bytes) => {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
};

export const base32Decode = (text) => {
  const clean = String(text).toUpperCase().replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};

/** A new secret: 32 bytes, as long as Cognito's (52 base32 characters). */
export const newSecret = () => base32Encode(randomBytes(32));

export const stepAt = (epochMillis) => Math.floor(epochMillis / 1000 / STEP_SECONDS);

/** The 6-digit code of {@code secret} for time step {@code step} (RFC 4226 dynamic truncation). */
export const codeAt = (secret, step) => {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(number % 1_000_000).padStart(6, '0');
};

/** The step {@code code} belongs to within the window around {@code now}, or null if it matches none. */
export const matchingStep = (secret, code, now = Date.now()) => {
  const current = stepAt(now);
  for (let step = current - WINDOW_STEPS; step <= current + WINDOW_STEPS; step++) {
    if (codeAt(secret, step) === String(code)) return step;
  }
  return null;
};
