import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, decodeJwt, startLauncher, uniqueEmail } from '../lib/test-client.mjs';
import { STEP_SECONDS, base32Decode, codeAt, stepAt } from '../lib/totp.mjs';

let L;
let poolId;
let clientId;

const confirmedUser = async (email = uniqueEmail('mfa')) => {
  await L.ok('AdminCreateUser', {
    UserPoolId: poolId, Username: email, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
  });
  await L.ok('AdminSetUserPassword', { UserPoolId: poolId, Username: email, Password: PASSWORD, Permanent: true });
  return email;
};
const passwordSignIn = (email) => L.cognito('InitiateAuth', {
  ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD },
});
const mfaAnswer = (email, session, code) => L.cognito('RespondToAuthChallenge', {
  ClientId: clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
});
const now = () => Date.now();

/** A user with TOTP MFA on, the secret, and the step its first code used. */
const enrolled = async () => {
  const email = await confirmedUser();
  const tokens = (await passwordSignIn(email)).body.AuthenticationResult;
  const { SecretCode } = await L.ok('AssociateSoftwareToken', { AccessToken: tokens.AccessToken });
  const step = stepAt(now());
  await L.ok('VerifySoftwareToken', { AccessToken: tokens.AccessToken, UserCode: codeAt(SecretCode, step), FriendlyDeviceName: 'phone' });
  await L.ok('SetUserMFAPreference', { AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  return { email, secret: SecretCode, step };
};

before(async () => {
  L = await startLauncher();
  ({ userPoolId: poolId, clientId } = L.info);
});
after(async () => { await L?.stop(); });

describe('TOTP (RFC 6238)', () => {
  test('codes match the RFC 6238 SHA-1 test vectors', () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890"
    assert.equal(base32Decode(rfcSecret).toString(), '12345678901234567890');
    // RFC 6238 appendix B, truncated to 6 digits
    assert.equal(codeAt(rfcSecret, Math.floor(59 / STEP_SECONDS)), '287082');
    assert.equal(codeAt(rfcSecret, Math.floor(1111111109 / STEP_SECONDS)), '081804');
    assert.equal(codeAt(rfcSecret, Math.floor(2000000000 / STEP_SECONDS)), '279037');
  });

  test('association, a wrong first code, then a right one; MFA cannot be turned on before', async () => {
    const email = await confirmedUser();
    const tokens = (await passwordSignIn(email)).body.AuthenticationResult;
    const early = await L.cognito('SetUserMFAPreference', { AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true } });
    assert.equal(early.type, 'InvalidParameterException');
    const { SecretCode } = await L.ok('AssociateSoftwareToken', { AccessToken: tokens.AccessToken });
    assert.match(SecretCode, /^[A-Z2-7]{52}$/);
    const wrong = await L.cognito('VerifySoftwareToken', { AccessToken: tokens.AccessToken, UserCode: codeAt(SecretCode, stepAt(now()) + 5) });
    assert.equal(wrong.type, 'EnableSoftwareTokenMFAException');
    const right = await L.ok('VerifySoftwareToken', { AccessToken: tokens.AccessToken, UserCode: codeAt(SecretCode, stepAt(now())) });
    assert.equal(right.Status, 'SUCCESS');
    const user = await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email });
    assert.deepEqual(user.UserMFASettingList ?? [], [], 'verifying alone does not turn MFA on');
  });

  test('sign-in asks for the code; a wrong, a stale and a reused code are refused; the right one gives tokens', async () => {
    const { email, secret, step } = await enrolled();
    const user = await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email });
    assert.deepEqual(user.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(user.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');

    const challenge = (await passwordSignIn(email)).body;
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.equal(challenge.AuthenticationResult, undefined);
    assert.equal((await mfaAnswer(email, challenge.Session, codeAt(secret, stepAt(now()) + 3))).type, 'CodeMismatchException');
    assert.equal((await mfaAnswer(email, challenge.Session, codeAt(secret, step))).type, 'CodeMismatchException', 'the enrolment code is used');
    const next = step + 1;
    const wait = next * STEP_SECONDS * 1000 - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
    const ok = await mfaAnswer(email, challenge.Session, codeAt(secret, next));
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.ok(decodeJwt(ok.body.AuthenticationResult.AccessToken).sub);

    const again = (await passwordSignIn(email)).body;
    assert.equal((await mfaAnswer(email, again.Session, codeAt(secret, next))).type, 'CodeMismatchException', 'a code works once');
  });

  test('three wrong codes end the session', async () => {
    const { email, secret } = await enrolled();
    const { Session } = (await passwordSignIn(email)).body;
    for (let i = 0; i < 3; i++) assert.equal((await mfaAnswer(email, Session, codeAt(secret, stepAt(now()) + 9))).type, 'CodeMismatchException');
    assert.equal((await mfaAnswer(email, Session, codeAt(secret, stepAt(now())))).type, 'NotAuthorizedException');
  });

  test('AdminSetUserMFAPreference turns it off: the password alone signs in again', async () => {
    const { email } = await enrolled();
    await L.ok('AdminSetUserMFAPreference', { UserPoolId: poolId, Username: email, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
    const r = await passwordSignIn(email);
    assert.ok(r.body.AuthenticationResult?.AccessToken);
  });
});

describe('USER_AUTH with EMAIL_OTP', () => {
  const start = (email) => L.cognito('InitiateAuth', {
    ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
  });
  const answer = (email, session, code) => L.cognito('RespondToAuthChallenge', {
    ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: session, ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
  });

  test('an 8-digit code by mail; a wrong one keeps the session; the right one gives tokens', async () => {
    const email = await confirmedUser(uniqueEmail('otp'));
    const started = await start(email);
    assert.equal(started.body.ChallengeName, 'EMAIL_OTP');
    assert.equal(started.body.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    const code = await L.latestCode(email, 'email-otp');
    assert.match(code, /^\d{8}$/);
    assert.equal((await answer(email, started.body.Session, code === '00000000' ? '11111111' : '00000000')).type, 'CodeMismatchException');
    const ok = await answer(email, started.body.Session, code);
    assert.equal(ok.status, 200);
    assert.ok(ok.body.AuthenticationResult.RefreshToken);
  });

  test('an unknown email gets a challenge like any other, and no code works', async () => {
    const email = uniqueEmail('nobody');
    const started = await start(email);
    assert.equal(started.body.ChallengeName, 'EMAIL_OTP');
    assert.equal((await answer(email, started.body.Session, '12345678')).type, 'CodeMismatchException');
  });
});

describe('OAuth: client credentials and Hosted UI tokens', () => {
  const token = (body, basic) => fetch(L.info.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(basic ? { Authorization: `Basic ${Buffer.from(basic).toString('base64')}` } : {}) },
    body: new URLSearchParams(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

  test('a machine token carries the asked scope, the client id and no user', async () => {
    const { clientId: machine, clientSecret } = L.info.machineClient;
    const r = await token({ grant_type: 'client_credentials', scope: 'lightbox/admin.read' }, `${machine}:${clientSecret}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.token_type, 'Bearer');
    assert.equal(r.body.refresh_token, undefined);
    const claims = decodeJwt(r.body.access_token);
    assert.equal(claims.client_id, machine);
    assert.equal(claims.sub, machine);
    assert.equal(claims.token_use, 'access');
    assert.equal(claims.scope, 'lightbox/admin.read');
    assert.equal(claims.username, undefined);
    assert.equal(claims.iss, L.info.issuer);
  });

  test('wrong secret, unknown scope, other grants and public clients are refused', async () => {
    const { clientId: machine, clientSecret } = L.info.machineClient;
    assert.equal((await token({ grant_type: 'client_credentials' }, `${machine}:nope`)).body.error, 'invalid_client');
    assert.equal((await token({ grant_type: 'client_credentials', scope: 'lightbox/admin.write' }, `${machine}:${clientSecret}`)).body.error, 'invalid_scope');
    assert.equal((await token({ grant_type: 'password' }, `${machine}:${clientSecret}`)).body.error, 'unsupported_grant_type');
    assert.equal((await token({ grant_type: 'client_credentials', client_id: clientId })).status, 401);
    const all = await token({ grant_type: 'client_credentials', client_id: machine, client_secret: clientSecret });
    assert.deepEqual(decodeJwt(all.body.access_token).scope.split(' ').sort(), [...L.info.machineClient.scopes].sort());
  });

  test('a federated Hosted UI sign-in: username Google_<id>, OAuth scopes, found by username only', async () => {
    const subject = String(Date.now());
    const r = await fetch(`${L.info.endpoint}/_local/federated-sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ provider: 'Google', subject, email: uniqueEmail('fed'), name: 'Fed Erated' }),
    });
    assert.equal(r.status, 200);
    const tokens = await r.json();
    const claims = decodeJwt(tokens.access_token);
    assert.equal(claims.username, `Google_${subject}`);
    assert.equal(claims.scope, 'openid email profile');
    assert.equal(claims.client_id, clientId);
    const user = await L.ok('AdminGetUser', { UserPoolId: poolId, Username: `Google_${subject}` });
    assert.equal(user.UserStatus, 'EXTERNAL_PROVIDER');
    assert.equal((await L.cognito('AdminGetUser', { UserPoolId: poolId, Username: claims.sub })).type, 'UserNotFoundException');
    const refreshed = await L.ok('InitiateAuth', { ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.refresh_token } });
    assert.equal(decodeJwt(refreshed.AuthenticationResult.AccessToken).scope, 'openid email profile');
    const associate = await L.cognito('AssociateSoftwareToken', { AccessToken: tokens.access_token });
    assert.equal(associate.type, 'NotAuthorizedException', 'the user-pool API needs aws.cognito.signin.user.admin');
  });
});
