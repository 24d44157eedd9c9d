import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PASSWORD, decodeHeader, startLauncher, uniqueEmail } from '../lib/test-client.mjs';

test('data persists across restarts; demo admin password shown only once; exits on stdin close', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lightbox-cognito-persist-'));
  try {
    const first = await startLauncher({ dataDir: dir, args: ['--demo-admin'] });
    const { userPoolId, clientId } = first.info;
    assert.ok(first.info.demoAdmin?.password);
    const email = uniqueEmail();
    await first.ok('AdminCreateUser', { UserPoolId: userPoolId, Username: email, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] });
    await first.ok('AdminSetUserPassword', { UserPoolId: userPoolId, Username: email, Password: PASSWORD, Permanent: true });
    const t = (await first.ok('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } })).AuthenticationResult;
    const exit = await first.stop();
    assert.equal(exit.code, 0, 'exits cleanly when stdin closes');

    const second = await startLauncher({ dataDir: dir, args: ['--demo-admin'] });
    try {
      assert.equal(second.info.userPoolId, userPoolId);
      assert.equal(second.info.clientId, clientId);
      assert.equal(second.info.demoAdmin, null);
      const groups = (await second.ok('ListGroups', { UserPoolId: userPoolId })).Groups;
      assert.equal(groups.length, 3, 'groups not duplicated');
      const again = (await second.ok('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } })).AuthenticationResult;
      assert.equal(decodeHeader(again.AccessToken).kid, decodeHeader(t.AccessToken).kid, 'same signing key');
      const jwks = await (await fetch(second.info.jwksUri)).json();
      assert.ok(jwks.keys.some((k) => k.kid === decodeHeader(t.AccessToken).kid));
      const admin = await second.ok('AdminGetUser', { UserPoolId: userPoolId, Username: 'admin@lightbox.local' });
      assert.equal(admin.UserStatus, 'CONFIRMED');
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM stops the launcher', async () => {
  const l = await startLauncher();
  l.child.kill('SIGTERM');
  const r = await l.exited;
  assert.ok(r.code === 0 || r.signal === 'SIGTERM');
  await l.stop();
});

test('passwordless code expires after --code-ttl-seconds', async () => {
  const l = await startLauncher({ args: ['--code-ttl-seconds', '1'] });
  try {
    const { userPoolId, clientId } = l.info;
    const email = uniqueEmail('ttl');
    await l.ok('AdminCreateUser', { UserPoolId: userPoolId, Username: email, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] });
    await l.ok('AdminSetUserPassword', { UserPoolId: userPoolId, Username: email, Password: PASSWORD, Permanent: true });
    const s = await l.ok('InitiateAuth', { ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: email } });
    const code = await l.latestCode(email, 'passwordless');
    await new Promise((r) => setTimeout(r, 1300));
    const r = await l.cognito('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: s.Session, ChallengeResponses: { USERNAME: email, ANSWER: code } });
    assert.equal(r.type, 'NotAuthorizedException', 'expired code fails the sign-in');
    const s2 = await l.ok('InitiateAuth', { ClientId: clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: email } });
    const code2 = await l.latestCode(email, 'passwordless');
    const ok = await l.ok('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: s2.Session, ChallengeResponses: { USERNAME: email, ANSWER: code2 } });
    assert.ok(ok.AuthenticationResult.AccessToken);
  } finally {
    await l.stop();
  }
});

test('auth sessions expire (--session-ttl-seconds)', async () => {
  const l = await startLauncher({ args: ['--session-ttl-seconds', '1'] });
  try {
    const { userPoolId, clientId } = l.info;
    const email = uniqueEmail('sess');
    await l.ok('AdminCreateUser', { UserPoolId: userPoolId, Username: email, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] });
    const ch = await l.ok('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } });
    assert.equal(ch.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    await new Promise((r) => setTimeout(r, 1200));
    const r = await l.cognito('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: ch.Session, ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'N3w-Passw0rd!' } });
    assert.equal(r.type, 'NotAuthorizedException');
  } finally {
    await l.stop();
  }
});

test('bad arguments exit non-zero without a ready line', async () => {
  const { spawnSync } = await import('node:child_process');
  const launcher = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../launcher.mjs');
  const r = spawnSync(process.execPath, [launcher, '--port', '0'], { encoding: 'utf8', input: '' });
  assert.notEqual(r.status, 0);
  assert.ok(!r.stdout.includes('LIGHTBOX-COGNITO-READY'));
});
