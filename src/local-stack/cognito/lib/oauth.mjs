// The pool domain's OAuth side, as far as Lightbox's tests need it:
//   POST /oauth2/token grant_type=client_credentials: machine access tokens for a confidential client (HTTP Basic or
//     client_id/client_secret in the form), limited to the client's AllowedOAuthScopes; RFC 6749 errors otherwise.
//   POST /_local/federated-sign-in {provider, subject, email, name?, scope?}: what a Hosted UI sign-in through a
//     social provider ends with. The federated user (username `<provider>_<subject>`, status EXTERNAL_PROVIDER) is
//     created on first use; the tokens carry the OAuth scopes (default `openid email profile`), as the Hosted UI's
//     authorization-code exchange would return them. The browser redirects of the real Hosted UI are not modelled.
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';

const FORM = 'application/x-www-form-urlencoded';
const HOSTED_UI_SCOPE = 'openid email profile';

const readBody = (req) => new Promise((resolve, reject) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    text += chunk;
    if (text.length > 16384) reject(new Error('body too large'));
  });
  req.on('end', () => resolve(text));
  req.on('error', reject);
});

const sameSecret = (a, b) => {
  const h = (s) => createHash('sha256').update(String(s ?? '')).digest();
  return typeof a === 'string' && typeof b === 'string' && timingSafeEqual(h(a), h(b));
};

/** client_id and client_secret from HTTP Basic (RFC 6749 2.3.1) or the form. */
const clientCredentials = (req, form) => {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? {} : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
};

/**
 * @param {object} deps cognito (cognito-local's service), tokenGenerator, pool (the user pool), issue (targets'
 *   token issuing), sendJson (res, status, body)
 */
export const createOAuth = ({ cognito, tokenGenerator, pool, issue, sendJson }) => {
  const oauthError = (res, status, error, description) => sendJson(res, status, { error, error_description: description });

  const token = async (req, res, ctx) => {
    if (!String(req.headers['content-type'] ?? '').startsWith(FORM)) return oauthError(res, 400, 'invalid_request', `Content-Type must be ${FORM}`);
    const form = new URLSearchParams(await readBody(req));
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') {
      return oauthError(res, 400, 'unsupported_grant_type', 'The local emulator issues client_credentials tokens only');
    }
    const { id, secret } = clientCredentials(req, form);
    const client = id ? await cognito.getAppClient(ctx, id) : null;
    if (!client || !client.ClientSecret || !sameSecret(secret, client.ClientSecret)) {
      return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    }
    if (!(client.AllowedOAuthFlows ?? []).includes('client_credentials')) {
      return oauthError(res, 400, 'unauthorized_client', 'The client may not use client_credentials');
    }
    const allowed = (client.AllowedOAuthScopes ?? []).filter((scope) => scope.includes('/'));
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (asked.some((scope) => !allowed.includes(scope))) return oauthError(res, 400, 'invalid_scope', 'A requested scope is not allowed');
    const granted = asked.length ? asked : allowed;
    if (!granted.length) return oauthError(res, 400, 'invalid_scope', 'The client has no custom scopes');
    return sendJson(res, 200, tokenGenerator.machineToken(client, granted));
  };

  const federatedSignIn = async (req, res, ctx, client) => {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, { message: 'JSON body required' });
    }
    const { provider, subject, email, name } = body ?? {};
    if (!/^[A-Za-z]+$/.test(provider ?? '') || !/^[\w.-]+$/.test(subject ?? '') || !email) {
      return sendJson(res, 400, { message: 'provider, subject and email are required' });
    }
    const username = `${provider}_${subject}`;
    let user = await pool.getUserByUsername(ctx, username);
    if (!user) {
      const now = new Date();
      user = {
        Username: username,
        UserStatus: 'EXTERNAL_PROVIDER',
        Enabled: true,
        UserCreateDate: now,
        UserLastModifiedDate: now,
        RefreshTokens: [],
        Attributes: [
          { Name: 'sub', Value: randomUUID() },
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'false' },
          ...(name ? [{ Name: 'name', Value: name }] : []),
          { Name: 'identities', Value: JSON.stringify([{ userId: subject, providerName: provider, providerType: provider, primary: true, dateCreated: now.getTime() }]) },
        ],
      };
      await pool.saveUser(ctx, user);
    }
    const issued = await issue(ctx, pool, client, user, body.scope ?? HOSTED_UI_SCOPE);
    const t = issued.AuthenticationResult;
    return sendJson(res, 200, {
      access_token: t.AccessToken, id_token: t.IdToken, refresh_token: t.RefreshToken, expires_in: t.ExpiresIn, token_type: 'Bearer', username,
    });
  };

  return { token, federatedSignIn };
};
