import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import {
  CHALLENGE_NAME, MAX_ATTEMPTS, answerMatches, createPasswordlessTriggers, parseMarker,
  defineAuthChallenge, createAuthChallenge, verifyAuthChallenge,
} from './index.mjs';

const require = createRequire(import.meta.url);

const USER = { sub: 'u-1', email: 'a@example.test', email_verified: 'true' };
const base = (triggerSource, request, response = {}) => ({
  version: '1', region: 'us-east-1', userPoolId: 'us-east-1_x', userName: 'u-1',
  callerContext: { awsSdkVersion: 'test', clientId: 'c' }, triggerSource, request, response,
});

const setup = ({ ttl = 180 } = {}) => {
  let now = 1_700_000_000_000;
  const sent = [];
  const t = createPasswordlessTriggers({ codeTtlSeconds: ttl, now: () => now, sendCode: async (m) => { sent.push(m); } });
  const define = (session, attrs = USER, extra = {}) => t.defineAuthChallenge(base('DefineAuthChallenge_Authentication', { userAttributes: attrs, session, ...extra }));
  const create = (session, attrs = USER, extra = {}) => t.createAuthChallenge(base('CreateAuthChallenge_Authentication', { userAttributes: attrs, challengeName: CHALLENGE_NAME, session, ...extra }));
  const verify = (priv, answer, extra = {}) => t.verifyAuthChallenge(base('VerifyAuthChallengeResponse_Authentication', { userAttributes: USER, privateChallengeParameters: priv, challengeAnswer: answer, ...extra }));
  return { t, sent, define, create, verify, advance: (ms) => { now += ms; } };
};

test('exports the three Lambda handlers', () => {
  for (const h of [defineAuthChallenge, createAuthChallenge, verifyAuthChallenge]) assert.equal(typeof h, 'function');
});

test('define: no session -> CUSTOM_CHALLENGE', async () => {
  const { define } = setup();
  const e = await define([]);
  assert.deepEqual([e.response.challengeName, e.response.issueTokens, e.response.failAuthentication], [CHALLENGE_NAME, false, false]);
});

test('create sends a 6-digit code, keeps it out of public parameters and metadata', async () => {
  const { create, sent } = setup();
  const e = await create([]);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].email, USER.email);
  assert.match(sent[0].code, /^\d{6}$/);
  const pub = JSON.stringify(e.response.publicChallengeParameters);
  assert.ok(!pub.includes(sent[0].code));
  assert.ok(!e.response.challengeMetadata.split(':').includes(sent[0].code), 'metadata carries no code');
  assert.ok(!JSON.stringify(e.response.privateChallengeParameters).includes(`"${sent[0].code}"`));
  assert.ok(parseMarker(e.response.challengeMetadata));
});

test('verify: correct code is accepted, wrong and malformed are not', async () => {
  const { create, verify, sent } = setup();
  const e = await create([]);
  const priv = e.response.privateChallengeParameters;
  assert.equal((await verify(priv, sent[0].code)).response.answerCorrect, true);
  const wrong = sent[0].code === '000000' ? '000001' : '000000';
  assert.equal((await verify(priv, wrong)).response.answerCorrect, false);
  assert.equal((await verify(priv, '')).response.answerCorrect, false);
  assert.equal((await verify(priv, 'abcdef')).response.answerCorrect, false);
  assert.equal((await verify({}, sent[0].code)).response.answerCorrect, false);
  assert.equal((await verify(priv, sent[0].code, { userNotFound: true })).response.answerCorrect, false);
});

test('verify: expired code is rejected; define then fails', async () => {
  const { create, verify, define, sent, advance } = setup({ ttl: 60 });
  const e = await create([]);
  advance(60_001);
  assert.equal((await verify(e.response.privateChallengeParameters, sent[0].code)).response.answerCorrect, false);
  const d = await define([{ challengeName: CHALLENGE_NAME, challengeResult: false, challengeMetadata: e.response.challengeMetadata }]);
  assert.equal(d.response.failAuthentication, true);
  assert.equal(d.response.issueTokens, false);
});

test('define: correct answer -> issueTokens', async () => {
  const { create, define } = setup();
  const e = await create([]);
  const d = await define([{ challengeName: CHALLENGE_NAME, challengeResult: true, challengeMetadata: e.response.challengeMetadata }]);
  assert.equal(d.response.issueTokens, true);
  assert.equal(d.response.failAuthentication, false);
});

test('retries keep the same code without a new mail; the third wrong answer fails', async () => {
  const { create, define, verify, sent } = setup();
  const session = [];
  let e = await create(session);
  const code = sent[0].code;
  const wrong = code === '123456' ? '654321' : '123456';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const v = await verify(e.response.privateChallengeParameters, wrong);
    session.push({ challengeName: CHALLENGE_NAME, challengeResult: v.response.answerCorrect, challengeMetadata: e.response.challengeMetadata });
    const d = await define(session);
    if (attempt < MAX_ATTEMPTS) {
      assert.equal(d.response.challengeName, CHALLENGE_NAME);
      assert.equal(d.response.failAuthentication, false);
      e = await create(session);
      assert.equal(sent.length, 1, 'no new mail on retry');
      assert.equal((await verify(e.response.privateChallengeParameters, code)).response.answerCorrect, true, 'same code');
    } else {
      assert.equal(d.response.failAuthentication, true);
      assert.equal(d.response.issueTokens, false);
    }
  }
});

test('unknown users and unverified emails get no mail and never tokens', async () => {
  const { create, define, sent } = setup();
  const e1 = await create([], {}, { userNotFound: true });
  const e2 = await create([], { ...USER, email_verified: 'false' });
  assert.equal(sent.length, 0);
  assert.ok(e1.response.challengeMetadata && e2.response.challengeMetadata);
  const d1 = await define([{ challengeName: CHALLENGE_NAME, challengeResult: true, challengeMetadata: e1.response.challengeMetadata }], {}, { userNotFound: true });
  assert.equal(d1.response.issueTokens, false);
  assert.equal(d1.response.failAuthentication, true);
  const d2 = await define([{ challengeName: CHALLENGE_NAME, challengeResult: true, challengeMetadata: e2.response.challengeMetadata }], { ...USER, email_verified: 'false' });
  assert.equal(d2.response.issueTokens, false);
});

test('define fails on a foreign challenge in the session', async () => {
  const { define } = setup();
  const d = await define([{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true }]);
  assert.equal(d.response.failAuthentication, true);
});

test('comparison goes through crypto.timingSafeEqual with equal-length buffers', async () => {
  const { create, sent } = setup();
  const e = await create([]);
  const priv = e.response.privateChallengeParameters;
  const cjsCrypto = require('node:crypto');
  const original = cjsCrypto.timingSafeEqual;
  const calls = [];
  cjsCrypto.timingSafeEqual = (a, b) => { calls.push([a.length, b.length]); return original(a, b); };
  syncBuiltinESMExports();
  try {
    assert.equal(answerMatches(sent[0].code, priv.salt, priv.codeHash), true);
    const wrong = sent[0].code === '000000' ? '000001' : '000000';
    assert.equal(answerMatches(wrong, priv.salt, priv.codeHash), false);
    assert.equal(answerMatches('12', priv.salt, priv.codeHash), false);
  } finally {
    cjsCrypto.timingSafeEqual = original;
    syncBuiltinESMExports();
  }
  assert.equal(calls.length, 3, 'every comparison, right or wrong, goes through timingSafeEqual');
  assert.ok(calls.every(([a, b]) => a === b && a === 32));
});

test('create for a non-custom challenge leaves the event alone', async () => {
  const { t, sent } = setup();
  const e = await t.createAuthChallenge(base('CreateAuthChallenge_Authentication', { userAttributes: USER, challengeName: 'SMS_MFA', session: [] }));
  assert.equal(sent.length, 0);
  assert.equal(e.response.challengeMetadata, undefined);
});

test('Lambda default reads CODE_TTL_SECONDS and needs SES_FROM_ADDRESS to send', async () => {
  delete process.env.SES_FROM_ADDRESS;
  await assert.rejects(createAuthChallenge(base('CreateAuthChallenge_Authentication', { userAttributes: USER, challengeName: CHALLENGE_NAME, session: [] })), /SES_FROM_ADDRESS/);
});
