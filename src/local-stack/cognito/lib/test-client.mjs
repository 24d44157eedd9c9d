// Test client: starts the launcher as a child process (as the Java side does) and talks Cognito's JSON protocol.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LAUNCHER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../launcher.mjs');
export const READY_PREFIX = 'LIGHTBOX-COGNITO-READY ';

export const startLauncher = async ({ dataDir, args = [], keepDir = false } = {}) => {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'lightbox-cognito-'));
  const child = spawn(process.execPath, [LAUNCHER, '--port', '0', '--data-dir', dir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const stdoutLines = [];
  const info = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`launcher not ready in 15 s; stderr:\n${stderr}`)), 15000);
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        stdoutLines.push(line);
        if (line.startsWith(READY_PREFIX)) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice(READY_PREFIX.length)));
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}; stderr:\n${stderr}`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.stdin.end();
    const r = await exited;
    if (!keepDir && !dataDir) rmSync(dir, { recursive: true, force: true });
    return r;
  };
  const cognito = async (op, body) => {
    const res = await fetch(`${info.endpoint}/`, {
      method: 'POST',
      headers: {
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}`,
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    let json = {};
    try { json = text ? JSON.parse(text) : {}; } catch { json = { raw: text }; }
    return { status: res.status, body: json, type: json.__type, message: json.message };
  };
  const ok = async (op, body) => {
    const r = await cognito(op, body);
    if (r.status !== 200) throw new Error(`${op} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const codes = async (email) => {
    const res = await fetch(`${info.endpoint}/_local/codes?email=${encodeURIComponent(email)}`);
    return { status: res.status, body: await res.json() };
  };
  const latestCode = async (email, purpose) => {
    const { body } = await codes(email);
    const item = (body.items ?? []).find((i) => !purpose || i.purpose === purpose);
    if (!item) throw new Error(`no ${purpose ?? ''} code for ${email}`);
    return item.code;
  };
  return { info, child, dir, stop, cognito, ok, codes, latestCode, stderr: () => stderr, stdoutLines, exited };
};

export const decodeJwt = (t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8'));
export const decodeHeader = (t) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString('utf8'));

let counter = 0;
export const uniqueEmail = (tag = 'user') => `${tag}.${process.pid}.${Date.now()}.${counter++}@example.test`;
export const PASSWORD = 'Sup3r-Secret!';
export const PASSWORD2 = 'An0ther-Secret!';
