// Token issuing and checking for the local pool, shaped like Cognito's:
// access token: sub, cognito:groups, iss, client_id, origin_jti, event_id, token_use=access, scope,
//               auth_time, exp, iat, jti, username   (no aud, like Cognito)
// id token:     sub, cognito:groups, email_verified (boolean), iss, cognito:username, origin_jti, aud,
//               event_id, token_use=id, auth_time, exp, iat, jti, and the user's attributes
//               (email, name, custom:username, ...)
// refresh token: opaque string, valid while listed on the user (revocation = removal).
import { randomBytes, randomUUID } from 'node:crypto';
import { signJwt, verifyJwtSignature } from './jwt.mjs';
import { notAuthorized } from './support.mjs';

const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const lifetime = (value, unit, fallbackSeconds) => {
  if (value === undefined || value === null) return fallbackSeconds;
  return Number(value) * (UNIT_SECONDS[unit] ?? 1);
};

export const validity = (client) => ({
  access: lifetime(client.AccessTokenValidity, client.TokenValidityUnits?.AccessToken ?? 'hours', 3600),
  id: lifetime(client.IdTokenValidity, client.TokenValidityUnits?.IdToken ?? 'hours', 3600),
  refresh: lifetime(client.RefreshTokenValidity, client.TokenValidityUnits?.RefreshToken ?? 'days', 30 * 86400),
});

const attrRecord = (attributes) => Object.fromEntries((attributes ?? []).filter((a) => a?.Name).map((a) => [a.Name, a.Value]));

export const encodeRefreshToken = (claims) => `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
export const decodeRefreshToken = (token) => {
  try {
    const [body, nonce] = String(token).split('.');
    if (!body || !nonce) return null;
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return c && typeof c === 'object' && c.v === 1 ? c : null;
  } catch {
    return null;
  }
};

export class LocalTokenGenerator {
  /** issuerFor(poolId) gives the issuer URL; it reads the actual port, so it is a function. */
  constructor(key, issuerFor) {
    this.key = key;
    this.issuerFor = issuerFor;
  }

  // Same signature as cognito-local's JwtTokenGenerator.generate, plus an optional carry-over
  // ({ authTime, originJti } used by refresh; { scope } for the Hosted UI's OAuth scopes).
  async generate(_ctx, user, userGroups, client, _clientMetadata, _source, carry = {}) {
    const now = Math.floor(Date.now() / 1000);
    const life = validity(client);
    const attrs = attrRecord(user.Attributes);
    const authTime = carry.authTime ?? now;
    const originJti = carry.originJti ?? randomUUID();
    const eventId = randomUUID();
    const iss = this.issuerFor(client.UserPoolId);
    const groups = userGroups?.length ? { 'cognito:groups': [...userGroups] } : {};
    const access = {
      sub: attrs.sub,
      ...groups,
      iss,
      client_id: client.ClientId,
      origin_jti: originJti,
      event_id: eventId,
      token_use: 'access',
      scope: carry.scope ?? 'aws.cognito.signin.user.admin',
      version: 2,
      auth_time: authTime,
      exp: now + life.access,
      iat: now,
      jti: randomUUID(),
      username: user.Username,
    };
    const userClaims = {};
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'sub' || v === undefined || v === null) continue;
      userClaims[k] = k.endsWith('_verified') ? String(v).toLowerCase() === 'true' : v;
    }
    const id = {
      sub: attrs.sub,
      ...groups,
      email_verified: String(attrs.email_verified ?? 'false').toLowerCase() === 'true',
      ...userClaims,
      iss,
      'cognito:username': user.Username,
      origin_jti: originJti,
      aud: client.ClientId,
      event_id: eventId,
      token_use: 'id',
      auth_time: authTime,
      exp: now + life.id,
      iat: now,
      jti: randomUUID(),
    };
    const refreshExp = carry.refreshExp ?? now + life.refresh;
    return {
      AccessToken: signJwt(this.key, access),
      IdToken: signJwt(this.key, id),
      RefreshToken: encodeRefreshToken({ v: 1, u: user.Username, c: client.ClientId, o: originJti, a: authTime, e: refreshExp, s: carry.scope }),
      ExpiresIn: life.access,
      TokenType: 'Bearer',
      originJti,
      refreshExp,
    };
  }

  /**
   * A client-credentials access token as Cognito mints it: no user (sub is the client id, no username, no groups),
   * the granted custom scopes, no refresh token.
   */
  machineToken(client, scopes) {
    const now = Math.floor(Date.now() / 1000);
    const life = validity(client).access;
    const access = {
      sub: client.ClientId,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: now,
      iss: this.issuerFor(client.UserPoolId),
      exp: now + life,
      iat: now,
      version: 2,
      jti: randomUUID(),
      client_id: client.ClientId,
    };
    return { access_token: signJwt(this.key, access), expires_in: life, token_type: 'Bearer' };
  }

  /** Signature, token_use=access, exp; the caller checks issuer, client, user and revocation. */
  checkAccessToken(token) {
    const payload = verifyJwtSignature(this.key, token);
    if (!payload || payload.token_use !== 'access') throw notAuthorized('Invalid Access Token');
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(Date.now() / 1000)) throw notAuthorized('Access Token has expired');
    if (typeof payload.nbf === 'number' && payload.nbf > Math.floor(Date.now() / 1000) + 5) throw notAuthorized('Invalid Access Token');
    return payload;
  }
}
