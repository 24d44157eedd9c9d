import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PASSWORD, PASSWORD2, decodeHeader, decodeJwt, startLauncher, uniqueEmail } from '../lib/test-client.mjs';

let L;
let poolId;
let clientId;

const signUpConfirmed = async (email = uniqueEmail(), password = PASSWORD, name = 'Test User') => {
  const res = await L.ok('SignUp', { ClientId: clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }, { Name: 'name', Value: name }] });
  const code = await L.latestCode(email, 'sign-up');
  await L.ok('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code });
  return { email, sub: res.UserSub };
};
const signIn = async (email, password = PASSWORD) => (await L.ok('InitiateAuth', {
  ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password },
})).AuthenticationResult;
const signInRaw = (email, password = PASSWORD) => L.cognito('InitiateAuth', {
  ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password },
});
const refresh = (token) => L.cognito('InitiateAuth', { ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token } });
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const signWith = (privateKey, header, payload) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
};

before(async () => {
  L = await startLauncher({ args: ['--demo-admin'] });
  ({ userPoolId: poolId, clientId } = L.info);
});
after(async () => { await L?.stop(); });

describe('ready line and setup', () => {
  test('ready line has the documented fields', () => {
    const i = L.info;
    assert.match(i.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(i.region, 'us-east-1');
    assert.equal(i.issuer, `${i.endpoint}/${i.userPoolId}`);
    assert.equal(i.jwksUri, `${i.issuer}/.well-known/jwks.json`);
    assert.equal(i.demoAdmin.email, 'admin@lightbox.local');
    assert.ok(i.demoAdmin.password.length >= 16);
    assert.equal(L.stdoutLines.filter((l) => l.startsWith('LIGHTBOX-COGNITO-READY ')).length, 1);
  });

  test('pool, client and groups are configured', async () => {
    const pool = (await L.ok('DescribeUserPool', { UserPoolId: poolId })).UserPool;
    assert.equal(pool.Name, 'lightbox');
    assert.deepEqual(pool.UsernameAttributes, ['email']);
    assert.ok(pool.SchemaAttributes.some((a) => a.Name === 'custom:username'));
    const client = (await L.ok('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId })).UserPoolClient;
    assert.equal(client.ClientName, 'lightbox-app');
    assert.equal(client.ClientSecret, undefined);
    assert.equal(client.PreventUserExistenceErrors, 'ENABLED');
    assert.deepEqual([...client.ExplicitAuthFlows].sort(), ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    const groups = (await L.ok('ListGroups', { UserPoolId: poolId })).Groups;
    assert.deepEqual(groups.map((g) => g.GroupName).sort(), ['Admin', 'Doctor', 'Patient']);
    assert.ok(groups.every((g) => g.Description));
  });

  test('demo admin signs in and is in Admin', async () => {
    const t = await signIn(L.info.demoAdmin.email, L.info.demoAdmin.password);
    const access = decodeJwt(t.AccessToken);
    assert.deepEqual(access['cognito:groups'], ['Admin']);
    assert.equal(decodeJwt(t.IdToken).email_verified, true);
  });
});

describe('gap 1: OIDC discovery, issuer and JWKS', () => {
  test('discovery issuer and jwks_uri match the tokens; kid in JWKS; signature verifies', async () => {
    const { email } = await signUpConfirmed();
    const t = await signIn(email);
    const disc = await (await fetch(`${L.info.issuer}/.well-known/openid-configuration`)).json();
    assert.equal(disc.issuer, L.info.issuer);
    assert.equal(disc.jwks_uri, L.info.jwksUri);
    const access = decodeJwt(t.AccessToken);
    assert.equal(access.iss, L.info.issuer);
    assert.equal(decodeJwt(t.IdToken).iss, L.info.issuer);
    const jwks = await (await fetch(disc.jwks_uri)).json();
    const header = decodeHeader(t.AccessToken);
    assert.equal(header.alg, 'RS256');
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    assert.ok(jwk, 'kid of the token is in the JWKS');
    const [h, p, s] = t.AccessToken.split('.');
    assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url')));
  });

  test('token claims look like Cognito', async () => {
    const { email, sub } = await signUpConfirmed(undefined, PASSWORD, 'Ada');
    const t = await signIn(email);
    const a = decodeJwt(t.AccessToken);
    assert.equal(a.token_use, 'access');
    assert.equal(a.client_id, clientId);
    assert.equal(a.sub, sub);
    assert.equal(a.username, sub);
    assert.equal(a.aud, undefined);
    assert.ok(a.exp > a.iat);
    const id = decodeJwt(t.IdToken);
    assert.equal(id.token_use, 'id');
    assert.equal(id.aud, clientId);
    assert.equal(id.email, email);
    assert.equal(id.name, 'Ada');
    assert.equal(id['cognito:username'], sub);
    assert.equal(t.TokenType, 'Bearer');
    assert.equal(t.ExpiresIn, 3600);
  });

  test('unknown pool discovery is 404', async () => {
    const r = await fetch(`${L.info.endpoint}/us-east-1_nope/.well-known/openid-configuration`);
    assert.equal(r.status, 404);
  });
});

describe('gap 2: ResendConfirmationCode, GlobalSignOut, AdminUserGlobalSignOut', () => {
  test('resend gives a new working code', async () => {
    const email = uniqueEmail();
    await L.ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
    const first = await L.latestCode(email, 'sign-up');
    const r = await L.ok('ResendConfirmationCode', { ClientId: clientId, Username: email });
    assert.equal(r.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    const second = await L.latestCode(email, 'resend');
    const bad = first === second ? null : await L.cognito('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: first });
    if (bad) assert.equal(bad.type, 'CodeMismatchException');
    await L.ok('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: second });
    const again = await L.cognito('ResendConfirmationCode', { ClientId: clientId, Username: email });
    assert.equal(again.type, 'InvalidParameterException');
  });

  test('GlobalSignOut revokes refresh tokens and access tokens issued before', async () => {
    const { email } = await signUpConfirmed();
    const t1 = await signIn(email);
    const t2 = await signIn(email);
    assert.equal((await refresh(t1.RefreshToken)).status, 200);
    await L.ok('GetUser', { AccessToken: t2.AccessToken });
    await L.ok('GlobalSignOut', { AccessToken: t1.AccessToken });
    for (const t of [t1, t2]) {
      const r = await refresh(t.RefreshToken);
      assert.equal(r.type, 'NotAuthorizedException');
      const g = await L.cognito('GetUser', { AccessToken: t.AccessToken });
      assert.equal(g.type, 'NotAuthorizedException');
      assert.equal(g.message, 'Access Token has been revoked');
    }
    const t3 = await signIn(email);
    await L.ok('GetUser', { AccessToken: t3.AccessToken });
  });

  test('AdminUserGlobalSignOut (by email) revokes everything', async () => {
    const { email } = await signUpConfirmed();
    const t = await signIn(email);
    const refreshed = (await refresh(t.RefreshToken)).body.AuthenticationResult;
    await L.ok('AdminUserGlobalSignOut', { UserPoolId: poolId, Username: email });
    assert.equal((await refresh(t.RefreshToken)).type, 'NotAuthorizedException');
    assert.equal((await L.cognito('GetUser', { AccessToken: t.AccessToken })).type, 'NotAuthorizedException');
    assert.equal((await L.cognito('GetUser', { AccessToken: refreshed.AccessToken })).type, 'NotAuthorizedException');
  });
});

describe('gap 3: CUSTOM_AUTH passwordless', () => {
  const start = (email) => L.cognito('InitiateAuth', { ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: email } });
  const answer = (email, session, code) => L.cognito('RespondToAuthChallenge', {
    ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: session, ChallengeResponses: { USERNAME: email, ANSWER: code },
  });

  test('code by mail, correct answer gives tokens', async () => {
    const { email, sub } = await signUpConfirmed();
    const s = await start(email);
    assert.equal(s.status, 200);
    assert.equal(s.body.ChallengeName, 'CUSTOM_CHALLENGE');
    assert.ok(s.body.Session);
    assert.equal(s.body.ChallengeParameters.USERNAME, sub);
    const code = await L.latestCode(email, 'passwordless');
    assert.match(code, /^\d{6}$/);
    assert.ok(!JSON.stringify(s.body).includes(code), 'code not in the public response');
    const r = await answer(email, s.body.Session, code);
    assert.equal(r.status, 200);
    assert.ok(r.body.AuthenticationResult.AccessToken);
    assert.equal(decodeJwt(r.body.AuthenticationResult.AccessToken).sub, sub);
    const again = await answer(email, s.body.Session, code);
    assert.equal(again.type, 'NotAuthorizedException', 'session is single use');
  });

  test('wrong answers: new session each time, same code, third wrong fails', async () => {
    const { email } = await signUpConfirmed();
    const s = await start(email);
    const code = await L.latestCode(email, 'passwordless');
    const wrong = code === '000000' ? '111111' : '000000';
    const r1 = await answer(email, s.body.Session, wrong);
    assert.equal(r1.body.ChallengeName, 'CUSTOM_CHALLENGE');
    assert.notEqual(r1.body.Session, s.body.Session);
    const r2 = await answer(email, r1.body.Session, wrong);
    assert.equal(r2.body.ChallengeName, 'CUSTOM_CHALLENGE');
    assert.equal((await L.codes(email)).body.items.filter((i) => i.purpose === 'passwordless').length, 1, 'no new mail on retry');
    const ok = await answer(email, r2.body.Session, code);
    assert.ok(ok.body.AuthenticationResult, 'same code still valid on the third try');

    const s2 = await start(email);
    let session = s2.body.Session;
    for (let i = 0; i < 2; i++) session = (await answer(email, session, wrong)).body.Session;
    const fail = await answer(email, session, wrong);
    assert.equal(fail.type, 'NotAuthorizedException');
  });

  test('unknown email looks like a normal challenge and never succeeds', async () => {
    const email = uniqueEmail('ghost');
    const s = await start(email);
    assert.equal(s.status, 200);
    assert.equal(s.body.ChallengeName, 'CUSTOM_CHALLENGE');
    assert.match(s.body.ChallengeParameters.USERNAME, /^[0-9a-f-]{36}$/);
    assert.equal((await L.codes(email)).status, 404);
    let session = s.body.Session;
    for (let i = 0; i < 2; i++) {
      const r = await answer(email, session, '123456');
      assert.equal(r.body.ChallengeName, 'CUSTOM_CHALLENGE');
      session = r.body.Session;
    }
    assert.equal((await answer(email, session, '123456')).type, 'NotAuthorizedException');
  });

  test('unverified email gets no code', async () => {
    const email = uniqueEmail('invited');
    await L.ok('AdminCreateUser', { UserPoolId: poolId, Username: email, UserAttributes: [{ Name: 'email', Value: email }] });
    const s = await start(email);
    assert.equal(s.status, 200);
    assert.equal((await L.codes(email)).body.items.filter((i) => i.purpose === 'passwordless').length, 0);
  });

  test('bogus session is rejected', async () => {
    const { email } = await signUpConfirmed();
    const r = await answer(email, 'not-a-session', '123456');
    assert.equal(r.type, 'NotAuthorizedException');
  });
});

describe('gap 4: disabled users', () => {
  test('disabled user cannot sign in, refresh or use tokens; enable restores', async () => {
    const { email } = await signUpConfirmed();
    const t = await signIn(email);
    await L.ok('AdminDisableUser', { UserPoolId: poolId, Username: email });
    const r = await signInRaw(email);
    assert.equal(r.type, 'NotAuthorizedException');
    assert.equal(r.message, 'User is disabled.');
    const rf = await refresh(t.RefreshToken);
    assert.equal(rf.type, 'NotAuthorizedException');
    const c = await L.cognito('InitiateAuth', { ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: email } });
    assert.equal(c.message, 'User is disabled.');
    assert.equal((await L.cognito('GetUser', { AccessToken: t.AccessToken })).type, 'NotAuthorizedException');
    const u = await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email });
    assert.equal(u.Enabled, false);
    assert.equal(u.UserStatus, 'CONFIRMED');
    await L.ok('AdminEnableUser', { UserPoolId: poolId, Username: email });
    await signIn(email);
  });
});

describe('gap 5: password policy', () => {
  const weak = ['short1!A', 'alllowercase1!', 'ALLUPPERCASE1!', 'NoDigits!!', 'NoSymbols123'];
  test('SignUp rejects weak passwords', async () => {
    for (const pw of ['Sh0rt!', ...weak.slice(1)]) {
      const r = await L.cognito('SignUp', { ClientId: clientId, Username: uniqueEmail(), Password: pw });
      assert.equal(r.type, 'InvalidPasswordException', pw);
    }
  });
  test('AdminSetUserPassword, ConfirmForgotPassword, ChangePassword, NEW_PASSWORD_REQUIRED reject weak passwords', async () => {
    const { email } = await signUpConfirmed();
    assert.equal((await L.cognito('AdminSetUserPassword', { UserPoolId: poolId, Username: email, Password: 'weak', Permanent: true })).type, 'InvalidPasswordException');
    await L.ok('ForgotPassword', { ClientId: clientId, Username: email });
    const code = await L.latestCode(email, 'forgot-password');
    assert.equal((await L.cognito('ConfirmForgotPassword', { ClientId: clientId, Username: email, ConfirmationCode: code, Password: 'nosymbol1A' })).type, 'InvalidPasswordException');
    const t = await signIn(email);
    assert.equal((await L.cognito('ChangePassword', { AccessToken: t.AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'weakweak' })).type, 'InvalidPasswordException');
    assert.equal((await L.cognito('ChangePassword', { AccessToken: t.AccessToken, PreviousPassword: 'Wr0ng-pass!', ProposedPassword: PASSWORD2 })).type, 'NotAuthorizedException');
    await L.ok('ChangePassword', { AccessToken: t.AccessToken, PreviousPassword: PASSWORD, ProposedPassword: PASSWORD2 });
    await signIn(email, PASSWORD2);

    const invited = uniqueEmail('inv');
    await L.ok('AdminCreateUser', { UserPoolId: poolId, Username: invited, UserAttributes: [{ Name: 'email', Value: invited }, { Name: 'email_verified', Value: 'true' }] });
    const temp = await L.latestCode(invited, 'admin-invite');
    const ch = await signInRaw(invited, temp);
    assert.equal(ch.body.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const weakResp = await L.cognito('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: ch.body.Session, ChallengeResponses: { USERNAME: invited, NEW_PASSWORD: 'weak' } });
    assert.equal(weakResp.type, 'InvalidPasswordException');
  });
});

describe('gap 6: ConfirmSignUp verifies email; forgot password leaves CONFIRMED', () => {
  test('email_verified true after confirm', async () => {
    const { email } = await signUpConfirmed();
    const u = await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email });
    assert.equal(u.UserStatus, 'CONFIRMED');
    assert.equal(u.UserAttributes.find((a) => a.Name === 'email_verified').Value, 'true');
  });
  test('forgot/confirm forgot password', async () => {
    const { email } = await signUpConfirmed();
    await L.ok('ForgotPassword', { ClientId: clientId, Username: email });
    const code = await L.latestCode(email, 'forgot-password');
    const wrong = code === '000000' ? '111111' : '000000';
    assert.equal((await L.cognito('ConfirmForgotPassword', { ClientId: clientId, Username: email, ConfirmationCode: wrong, Password: PASSWORD2 })).type, 'CodeMismatchException');
    await L.ok('ConfirmForgotPassword', { ClientId: clientId, Username: email, ConfirmationCode: code, Password: PASSWORD2 });
    assert.equal((await L.cognito('ConfirmForgotPassword', { ClientId: clientId, Username: email, ConfirmationCode: code, Password: PASSWORD2 })).type, 'ExpiredCodeException');
    const u = await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email });
    assert.equal(u.UserStatus, 'CONFIRMED');
    await signIn(email, PASSWORD2);
    assert.equal((await signInRaw(email, PASSWORD)).type, 'NotAuthorizedException');
  });
});

describe('gap 7: access-token checks', () => {
  test('forged, tampered, expired, id-token and garbage tokens are NotAuthorized', async () => {
    const { email } = await signUpConfirmed();
    const t = await signIn(email);
    const claims = decodeJwt(t.AccessToken);
    const header = decodeHeader(t.AccessToken);
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ownKey = createPrivateKey(JSON.parse(readFileSync(path.join(L.dir, 'signing-key.json'), 'utf8')).privateKeyPem);
    const now = Math.floor(Date.now() / 1000);
    const [h, , s] = t.AccessToken.split('.');
    const cases = {
      forged: signWith(otherKey, header, claims),
      tampered: `${h}.${b64({ ...claims, sub: 'someone-else' })}.${s}`,
      unsigned: `${b64({ alg: 'none', kid: header.kid })}.${b64(claims)}.`,
      expired: signWith(ownKey, header, { ...claims, iat: now - 7200, exp: now - 3600 }),
      wrongIssuer: signWith(ownKey, header, { ...claims, iss: 'http://evil.example/pool' }),
      idToken: t.IdToken,
      garbage: 'abc.def.ghi',
    };
    for (const op of ['GetUser', 'UpdateUserAttributes', 'DeleteUser', 'GlobalSignOut', 'ChangePassword']) {
      for (const [name, token] of Object.entries(cases)) {
        const r = await L.cognito(op, { AccessToken: token, UserAttributes: [{ Name: 'name', Value: 'x' }], PreviousPassword: PASSWORD, ProposedPassword: PASSWORD2 });
        assert.equal(r.type, 'NotAuthorizedException', `${op} ${name}`);
      }
    }
    const exp = await L.cognito('GetUser', { AccessToken: cases.expired });
    assert.equal(exp.message, 'Access Token has expired');
    const me = await L.ok('GetUser', { AccessToken: t.AccessToken });
    assert.equal(me.UserAttributes.find((a) => a.Name === 'email').Value, email);
  });

  test('UpdateUserAttributes and DeleteUser work with a valid token', async () => {
    const { email } = await signUpConfirmed();
    const t = await signIn(email);
    await L.ok('UpdateUserAttributes', { AccessToken: t.AccessToken, UserAttributes: [{ Name: 'name', Value: 'Renamed' }] });
    const me = await L.ok('GetUser', { AccessToken: t.AccessToken });
    assert.equal(me.UserAttributes.find((a) => a.Name === 'name').Value, 'Renamed');
    await L.ok('DeleteUser', { AccessToken: t.AccessToken });
    assert.equal((await L.cognito('GetUser', { AccessToken: t.AccessToken })).type, 'NotAuthorizedException');
    assert.equal((await L.cognito('AdminGetUser', { UserPoolId: poolId, Username: email })).type, 'UserNotFoundException');
  });
});

describe('gap 8/9: groups', () => {
  test('AdminListGroupsForUser resolves the email alias; membership shows in the next token', async () => {
    const { email, sub } = await signUpConfirmed();
    await L.ok('AdminAddUserToGroup', { UserPoolId: poolId, Username: email, GroupName: 'Doctor' });
    await L.ok('AdminAddUserToGroup', { UserPoolId: poolId, Username: sub, GroupName: 'Patient' });
    for (const name of [email, sub, email.toUpperCase()]) {
      const g = await L.ok('AdminListGroupsForUser', { UserPoolId: poolId, Username: name });
      assert.deepEqual(g.Groups.map((x) => x.GroupName), ['Doctor', 'Patient'], name);
    }
    let t = await signIn(email);
    assert.deepEqual(decodeJwt(t.AccessToken)['cognito:groups'], ['Doctor', 'Patient']);
    await L.ok('AdminRemoveUserFromGroup', { UserPoolId: poolId, Username: email, GroupName: 'Doctor' });
    const rf = (await refresh(t.RefreshToken)).body.AuthenticationResult;
    assert.deepEqual(decodeJwt(rf.AccessToken)['cognito:groups'], ['Patient']);
    await L.ok('AdminRemoveUserFromGroup', { UserPoolId: poolId, Username: email, GroupName: 'Patient' });
    t = await signIn(email);
    assert.equal(decodeJwt(t.AccessToken)['cognito:groups'], undefined);
    const inGroup = await L.ok('ListUsersInGroup', { UserPoolId: poolId, GroupName: 'Admin' });
    assert.ok(inGroup.Users.some((u) => u.Attributes.find((a) => a.Name === 'email')?.Value === 'admin@lightbox.local'));
  });

  test('duplicate CreateGroup is GroupExistsException and changes nothing', async () => {
    const { email } = await signUpConfirmed();
    await L.ok('CreateGroup', { UserPoolId: poolId, GroupName: 'Temp', Description: 'temp' });
    await L.ok('AdminAddUserToGroup', { UserPoolId: poolId, Username: email, GroupName: 'Temp' });
    const r = await L.cognito('CreateGroup', { UserPoolId: poolId, GroupName: 'Temp', Description: 'other' });
    assert.equal(r.status, 400);
    assert.equal(r.type, 'GroupExistsException');
    const g = await L.ok('GetGroup', { UserPoolId: poolId, GroupName: 'Temp' });
    assert.equal(g.Group.Description, 'temp');
    assert.equal((await L.ok('ListUsersInGroup', { UserPoolId: poolId, GroupName: 'Temp' })).Users.length, 1);
  });
});

describe('gap 10: user existence', () => {
  test('unknown user and wrong password give the same answer', async () => {
    const { email } = await signUpConfirmed();
    const a = await signInRaw(uniqueEmail('nobody'));
    const b = await signInRaw(email, 'Wr0ng-pass!');
    assert.equal(a.status, 400);
    assert.deepEqual(a.body, b.body);
    assert.equal(a.type, 'NotAuthorizedException');
    assert.equal(a.message, 'Incorrect username or password.');
  });
  test('ForgotPassword for an unknown user looks normal', async () => {
    const email = uniqueEmail('nobody');
    const r = await L.cognito('ForgotPassword', { ClientId: clientId, Username: email });
    assert.equal(r.status, 200);
    assert.equal(r.body.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.equal((await L.codes(email)).status, 404);
  });
  test('without PreventUserExistenceErrors: UserNotFoundException', async () => {
    const c = await L.ok('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'legacy', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    const r = await L.cognito('InitiateAuth', { ClientId: c.UserPoolClient.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: uniqueEmail(), PASSWORD: PASSWORD } });
    assert.equal(r.type, 'UserNotFoundException');
  });
});

describe('other flows', () => {
  test('sign-up errors: duplicate, not confirmed, bad codes', async () => {
    const email = uniqueEmail();
    const s = await L.ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'N' }] });
    assert.equal(s.UserConfirmed, false);
    assert.equal(s.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.equal((await L.cognito('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD })).type, 'UsernameExistsException');
    assert.equal((await L.cognito('SignUp', { ClientId: clientId, Username: email.toUpperCase(), Password: PASSWORD })).type, 'UsernameExistsException');
    assert.equal((await signInRaw(email)).type, 'UserNotConfirmedException');
    const code = await L.latestCode(email, 'sign-up');
    const wrong = code === '000000' ? '111111' : '000000';
    assert.equal((await L.cognito('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: wrong })).type, 'CodeMismatchException');
    await L.ok('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code });
    assert.equal((await L.cognito('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code })).type, 'NotAuthorizedException');
    const items = (await L.codes(email)).body.items;
    assert.equal(items[0].purpose, 'sign-up');
    assert.ok(items[0].createdAt);
  });

  test('codes endpoint is newest first', async () => {
    const email = uniqueEmail();
    await L.ok('SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
    await L.ok('ResendConfirmationCode', { ClientId: clientId, Username: email });
    const items = (await L.codes(email)).body.items;
    assert.deepEqual(items.map((i) => i.purpose), ['resend', 'sign-up']);
    assert.ok(L.stderr().includes(`[cognito-local] code for ${email} (sign-up): ${items[1].code}`));
  });

  test('AdminResetUserPassword forces a reset', async () => {
    const { email } = await signUpConfirmed();
    await L.ok('AdminResetUserPassword', { UserPoolId: poolId, Username: email });
    assert.equal((await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email })).UserStatus, 'RESET_REQUIRED');
    assert.equal((await signInRaw(email)).type, 'PasswordResetRequiredException');
    const code = await L.latestCode(email, 'forgot-password');
    await L.ok('ConfirmForgotPassword', { ClientId: clientId, Username: email, ConfirmationCode: code, Password: PASSWORD2 });
    await signIn(email, PASSWORD2);
  });

  test('AdminCreateUser invite: FORCE_CHANGE_PASSWORD, NEW_PASSWORD_REQUIRED, then CONFIRMED', async () => {
    const email = uniqueEmail('inv');
    const c = await L.ok('AdminCreateUser', { UserPoolId: poolId, Username: email, UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }, { Name: 'name', Value: 'Inv' }], DesiredDeliveryMediums: ['EMAIL'] });
    assert.equal(c.User.UserStatus, 'FORCE_CHANGE_PASSWORD');
    const temp = await L.latestCode(email, 'admin-invite');
    assert.equal((await signInRaw(email, 'Wr0ng-pass!')).type, 'NotAuthorizedException');
    const ch = await signInRaw(email, temp);
    assert.equal(ch.body.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const r = await L.ok('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: ch.body.Session, ChallengeResponses: { USERNAME: email, NEW_PASSWORD: PASSWORD } });
    assert.ok(r.AuthenticationResult.RefreshToken);
    assert.equal((await refresh(r.AuthenticationResult.RefreshToken)).status, 200);
    assert.equal((await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email })).UserStatus, 'CONFIRMED');
    await signIn(email);
    assert.equal((await L.cognito('AdminCreateUser', { UserPoolId: poolId, Username: email })).type, 'UsernameExistsException');
  });

  test('ListUsers filters and pagination', async () => {
    const prefix = `lst${Date.now()}`;
    const emails = [];
    for (let i = 0; i < 5; i++) emails.push((await signUpConfirmed(`${prefix}.${i}@example.test`)).email);
    await L.ok('SignUp', { ClientId: clientId, Username: `${prefix}.u@example.test`, Password: PASSWORD });
    const exact = await L.ok('ListUsers', { UserPoolId: poolId, Filter: `email = "${emails[2]}"` });
    assert.equal(exact.Users.length, 1);
    const pre = await L.ok('ListUsers', { UserPoolId: poolId, Filter: `email ^= "${prefix}."` });
    assert.equal(pre.Users.length, 6);
    const unconf = await L.ok('ListUsers', { UserPoolId: poolId, Filter: `cognito:user_status = "UNCONFIRMED"` });
    assert.ok(unconf.Users.every((u) => u.UserStatus === 'UNCONFIRMED'));
    assert.ok(unconf.Users.some((u) => u.Attributes.find((a) => a.Name === 'email').Value === `${prefix}.u@example.test`));
    await L.ok('AdminDisableUser', { UserPoolId: poolId, Username: emails[0] });
    const disabled = await L.ok('ListUsers', { UserPoolId: poolId, Filter: 'status = "Disabled"' });
    assert.ok(disabled.Users.some((u) => u.Attributes.find((a) => a.Name === 'email').Value === emails[0]));
    assert.ok(disabled.Users.every((u) => u.Enabled === false));
    const seen = [];
    let token;
    do {
      const p = await L.ok('ListUsers', { UserPoolId: poolId, Filter: `email ^= "${prefix}."`, Limit: 2, PaginationToken: token });
      assert.ok(p.Users.length <= 2);
      seen.push(...p.Users.map((u) => u.Username));
      token = p.PaginationToken;
    } while (token);
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen).size, 6);
    assert.equal((await L.cognito('ListUsers', { UserPoolId: poolId, Filter: 'bogus' })).type, 'InvalidParameterException');
  });

  test('AdminUpdateUserAttributes custom:username, AdminDeleteUser', async () => {
    const { email } = await signUpConfirmed();
    await L.ok('AdminUpdateUserAttributes', { UserPoolId: poolId, Username: email, UserAttributes: [{ Name: 'custom:username', Value: 'ada_l' }] });
    const u = await L.ok('AdminGetUser', { UserPoolId: poolId, Username: email });
    assert.equal(u.UserAttributes.find((a) => a.Name === 'custom:username').Value, 'ada_l');
    const t = await signIn(email);
    assert.equal(decodeJwt(t.IdToken)['custom:username'], 'ada_l');
    await L.ok('AdminDeleteUser', { UserPoolId: poolId, Username: email });
    assert.equal((await L.cognito('AdminGetUser', { UserPoolId: poolId, Username: email })).type, 'UserNotFoundException');
    assert.equal((await refresh(t.RefreshToken)).type, 'NotAuthorizedException');
  });

  test('errors use the Cognito JSON shape', async () => {
    const r = await L.cognito('AdminGetUser', { UserPoolId: poolId, Username: uniqueEmail() });
    assert.equal(r.status, 400);
    assert.equal(r.type, 'UserNotFoundException');
    assert.equal(typeof r.message, 'string');
  });
});
