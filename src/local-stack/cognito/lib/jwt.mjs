// RS256 signing key of the local emulator, one per data directory (generated on first start),
// plus minimal JWT sign/verify on node:crypto. The key shipped inside cognito-local is public
// knowledge; ours is not, so a forged token really is forged.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const b64json = (obj) => b64url(JSON.stringify(obj));

export const loadOrCreateKey = (dataDir) => {
  const file = path.join(dataDir, 'signing-key.json');
  let pem;
  if (existsSync(file)) {
    pem = JSON.parse(readFileSync(file, 'utf8')).privateKeyPem;
  } else {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ privateKeyPem: pem }), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint as kid
  const thumb = createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
  const kid = `lightbox-local-${thumb.slice(0, 16)}`;
  return {
    kid,
    privateKey,
    publicKey,
    jwks: { keys: [{ alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' }] },
  };
};

export const signJwt = (key, payload) => {
  const header = { kid: key.kid, alg: 'RS256' };
  const input = `${b64json(header)}.${b64json(payload)}`;
  const sig = sign('sha256', Buffer.from(input), key.privateKey);
  return `${input}.${b64url(sig)}`;
};

/** Returns the payload when the signature (RS256, our kid) is valid, else null. No claim checks. */
export const verifyJwtSignature = (key, token) => {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let header;
  let payload;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (header?.alg !== 'RS256' || header?.kid !== key.kid) return null;
  const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, Buffer.from(parts[2], 'base64url'));
  return ok && payload && typeof payload === 'object' ? payload : null;
};

export const decodeJwtPayload = (token) => {
  try {
    return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
};
