// What the journeys share: the browser, the service's API and the emulator's mailbox, test images, screenshots.
import { createHmac } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const PASSWORD = 'Bright-Harbor-31';
const here = path.dirname(fileURLToPath(import.meta.url));

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README, "Web app")`);
  return value;
}

export const config = {
  baseUrl: required('LIGHTBOX_BASE_URL').replace(/\/$/, ''),
  codesUrl: required('LIGHTBOX_CODES_URL'),
  adminEmail: required('LIGHTBOX_ADMIN_EMAIL'),
  adminPassword: required('LIGHTBOX_ADMIN_PASSWORD'),
  screenshots: process.env.LIGHTBOX_SCREENSHOTS_DIR ?? path.resolve(here, '../../../target/browser-screenshots'),
  readmeScreenshot: process.env.LIGHTBOX_README_SCREENSHOT,
};

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * A page of the app in a fresh context. Any Content-Security-Policy or Trusted Types violation and any uncaught
 * script error is collected in {@code page.problems}: the journeys end by asserting there were none.
 */
export async function openApp(browser, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, baseURL: config.baseUrl });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Trusted Type/i.test(message.text())) {
      page.problems.push(`policy violation: ${message.text()}`);
    }
  });
  await page.goto('/');
  return page;
}

/** Runs a journey; when it fails, saves what its page showed and each main page, under target/. */
export async function journey(name, browser, steps) {
  const pages = [];
  const open = async (viewport) => {
    const page = await openApp(browser, viewport);
    pages.push(page);
    return page;
  };
  try {
    await steps(open);
  } catch (error) {
    await mkdir(config.screenshots, { recursive: true });
    for (const [index, page] of pages.entries()) {
      const prefix = path.join(config.screenshots, `${name}-${index}`);
      await page.screenshot({ path: `${prefix}-failure.png`, fullPage: true }).catch(() => {});
      for (const route of ['', 'upload', 'mine', 'admin']) {
        await page.goto(`/#/${route}`).then(() => page.waitForTimeout(500))
          .then(() => page.screenshot({ path: `${prefix}-page-${route || 'gallery'}.png`, fullPage: true }))
          .catch(() => {});
      }
    }
    console.error(`Screenshots of "${name}" are in ${config.screenshots}`);
    throw error;
  } finally {
    await Promise.all(pages.map((page) => page.context().close()));
  }
}

export function uniqueEmail(name) {
  return `${name}-${Math.random().toString(36).slice(2, 10)}@example.test`;
}

/** The newest code the emulator "mailed" to {@code email} for {@code purpose}, waiting briefly for it. */
export async function latestCode(email, purpose) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await fetch(`${config.codesUrl}?email=${encodeURIComponent(email)}`);
    if (response.ok) {
      const item = (await response.json()).items.find((candidate) => candidate.purpose === purpose);
      if (item) return item.code;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No ${purpose} code was sent to ${email}`);
}

export async function api(method, apiPath, { body, token, form } = {}) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${config.baseUrl}${apiPath}`, { method, headers, body: form ?? (body && JSON.stringify(body)) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A confirmed member signed in through the API, optionally with a username. */
export async function member(name, username) {
  const email = uniqueEmail(name);
  await api('POST', '/api/auth/sign-up', { body: { email, password: PASSWORD } });
  await api('POST', '/api/auth/confirm-sign-up', { body: { email, code: await latestCode(email, 'sign-up') } });
  const { body: tokens } = await api('POST', '/api/auth/sign-in', { body: { email, password: PASSWORD } });
  const token = tokens.accessToken;
  if (username) await api('PUT', '/api/users/me/username', { token, body: { username } });
  const { body: profile } = await api('GET', '/api/users/me', { token });
  return { email, token, id: profile.id };
}

export async function uploadThroughApi(token, { title, level, bytes }) {
  const form = new FormData();
  form.append('level', level);
  form.append('title', title);
  form.append('file', new Blob([bytes], { type: 'image/png' }), `${title}.png`);
  const response = await api('POST', '/api/images', { token, form });
  if (response.status !== 201) throw new Error(`Upload failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * A PNG of a diagonal gradient between two colours. {@code noise} adds random pixels so that the file does not
 * compress: a large one takes long enough to upload for its progress to be seen.
 */
export function png(width, height, from, to, noise = false) {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const t = (x / width + y / height) / 2;
      for (let channel = 0; channel < 3; channel += 1) {
        const value = from[channel] + (to[channel] - from[channel]) * t;
        raw[y * row + 1 + x * 3 + channel] = noise ? (value + Math.random() * 255) % 256 : value;
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);  // 8 bits per channel, RGB, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
  return Buffer.concat([length, Buffer.from(type), data, checksum]);
}

/** The PNG as a phone with location on would save it: an eXIf chunk whose GPS directory says 46°33'N 7°58'E. */
export function withLocation(image) {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, the GPS directory's offset.
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  // The GPS directory at 26: latitude reference and latitude (three rationals at 56).
  tiff.writeUInt16BE(2, 26);
  tiff.writeUInt16BE(1, 28);
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16BE(2, 40);
  tiff.writeUInt16BE(5, 42);
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  [46, 1, 33, 1, 0, 1].forEach((value, index) => tiff.writeUInt32BE(value, 56 + index * 4));
  const afterHeader = 8 + 25;
  return Buffer.concat([image.subarray(0, afterHeader), chunk('eXIf', tiff), image.subarray(afterHeader)]);
}

export async function signInWithPassword(page, email, password) {
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** An authenticator app's code (RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits) for a base32 secret. */
export function totp(secret, step = Math.floor(Date.now() / 30_000)) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Waits for the next 30-second step, when a new code exists (a used one is refused); that step. */
export async function nextTotpStep() {
  const next = Math.floor(Date.now() / 30_000) + 1;
  await new Promise((resolve) => setTimeout(resolve, next * 30_000 - Date.now() + 50));
  return next;
}
