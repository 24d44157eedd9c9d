// Passwordless sign-in for the Lightbox Cognito user pool (CUSTOM_AUTH flow).
//
// One implementation, two users:
//  - AWS Lambda (Node.js 20): the pool's DefineAuthChallenge, CreateAuthChallenge and
//    VerifyAuthChallengeResponse triggers point at the three named exports below. The code is
//    mailed with SES v2 from SES_FROM_ADDRESS.
//  - The local Cognito emulator (src/local-stack/cognito): it builds its own set of handlers with
//    createPasswordlessTriggers({ sendCode }) and records the code instead of mailing it.
//
// Rules: a 6-digit code from crypto.randomInt, valid CODE_TTL_SECONDS (default 180), at most
// MAX_ATTEMPTS (3) answers per sign-in, single use (a correct answer ends the sign-in), compared
// in constant time. The plaintext code is never stored: the private challenge parameters and the
// challenge metadata (which Cognito hands back to these triggers on every round, and never to the
// client) carry only its expiry and a salted HMAC of it, so the same code stays valid across
// retries until it expires. Public challenge parameters carry no secret.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const CHALLENGE_NAME = 'CUSTOM_CHALLENGE';
export const MAX_ATTEMPTS = 3;
export const CODE_LENGTH = 6;
const MARKER_PREFIX = 'LIGHTBOX_OTP_V1';

const defaultTtlSeconds = () => {
  const raw = Number.parseInt(process.env.CODE_TTL_SECONDS ?? '', 10);
  return Number.isFinite(raw) && raw > 0 ? raw : 180;
};

/** A fresh 6-digit code, uniformly distributed. */
export const newCode = () => String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');

const digest = (salt, code) => createHmac('sha256', Buffer.from(salt, 'base64url')).update(String(code), 'utf8').digest();

/** Marker kept in challengeMetadata: expiry plus salted digest, never the code itself. */
export const encodeMarker = ({ expiresAt, salt, codeHash }) => `${MARKER_PREFIX}:${expiresAt}:${salt}:${codeHash}`;

export const parseMarker = (value) => {
  if (typeof value !== 'string') return null;
  const parts = value.split(':');
  if (parts.length !== 4 || parts[0] !== MARKER_PREFIX) return null;
  const expiresAt = Number(parts[1]);
  if (!Number.isFinite(expiresAt) || !parts[2] || !parts[3]) return null;
  return { expiresAt, salt: parts[2], codeHash: parts[3] };
};

/** Constant-time comparison of an answer against the stored digest (equal-length buffers). */
export const answerMatches = (answer, salt, codeHash) => {
  const expected = Buffer.from(String(codeHash ?? ''), 'base64url');
  const candidate = digest(salt ?? '', String(answer ?? '').trim());
  if (expected.length !== candidate.length) {
    // Keep the work the same before saying no.
    timingSafeEqual(candidate, candidate);
    return false;
  }
  const formatOk = /^\d{6}$/.test(String(answer ?? '').trim());
  return timingSafeEqual(expected, candidate) && formatOk;
};

const emailVerified = (attrs) => String(attrs?.email_verified ?? '').toLowerCase() === 'true';
const sessionOf = (event) => (Array.isArray(event?.request?.session) ? event.request.session : []);

/** Email sender used in AWS: SES v2, loaded lazily so tests and the emulator never need the SDK. */
export const sesSender = async ({ email, code, ttlSeconds }) => {
  const from = process.env.SES_FROM_ADDRESS;
  if (!from) throw new Error('SES_FROM_ADDRESS is not set');
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  // Cognito waits 5 s for this trigger (Lambda timeout 4 s): two tries of at most 1.5 s each leave room
  // for a cold start, instead of the SDK's default of three tries without a deadline.
  const client = new SESv2Client({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 1500 } });
  const minutes = Math.max(1, Math.round(ttlSeconds / 60));
  const text = `Your Lightbox sign-in code is ${code}. It is valid for ${minutes} minute${minutes === 1 ? '' : 's'} and can be used once.`;
  await client.send(new SendEmailCommand({
    FromEmailAddress: from,
    Destination: { ToAddresses: [email] },
    Content: {
      Simple: {
        Subject: { Data: 'Your Lightbox sign-in code', Charset: 'UTF-8' },
        Body: { Text: { Data: text, Charset: 'UTF-8' } },
      },
    },
  }));
};

/**
 * Builds the three trigger handlers.
 * @param {object} [options]
 * @param {(msg:{email:string,code:string,expiresAt:number,ttlSeconds:number,event:object})=>Promise<void>} [options.sendCode]
 * @param {number} [options.codeTtlSeconds]
 * @param {() => number} [options.now] milliseconds clock
 */
export const createPasswordlessTriggers = ({ sendCode = sesSender, codeTtlSeconds, now = Date.now } = {}) => {
  const ttlSeconds = () => codeTtlSeconds ?? defaultTtlSeconds();

  const defineAuthChallenge = async (event) => {
    const session = sessionOf(event);
    const response = event.response ?? (event.response = {});
    const decide = (challengeName, issueTokens, failAuthentication) => {
      response.challengeName = challengeName;
      response.issueTokens = issueTokens;
      response.failAuthentication = failAuthentication;
      return event;
    };
    if (session.length === 0) return decide(CHALLENGE_NAME, false, false);
    if (session.some((s) => s?.challengeName !== CHALLENGE_NAME)) return decide(undefined, false, true);
    const last = session[session.length - 1];
    if (last.challengeResult === true) {
      // userNotFound (PreventUserExistenceErrors) or an unverified email can never succeed.
      const allowed = !event.request?.userNotFound && emailVerified(event.request?.userAttributes);
      return allowed ? decide(undefined, true, false) : decide(undefined, false, true);
    }
    const wrong = session.filter((s) => s.challengeResult !== true).length;
    if (wrong >= MAX_ATTEMPTS) return decide(undefined, false, true);
    const marker = parseMarker(last.challengeMetadata);
    if (!marker || marker.expiresAt <= now()) return decide(undefined, false, true);
    return decide(CHALLENGE_NAME, false, false);
  };

  const createAuthChallenge = async (event) => {
    const request = event.request ?? {};
    const response = event.response ?? (event.response = {});
    if (request.challengeName !== CHALLENGE_NAME) return event;
    const session = sessionOf(event);
    const previous = session.length ? parseMarker(session[session.length - 1].challengeMetadata) : null;
    let marker;
    if (previous && previous.expiresAt > now()) {
      marker = previous; // retry: same code, no new mail
    } else {
      const code = newCode();
      const salt = randomBytes(16).toString('base64url');
      marker = { expiresAt: now() + ttlSeconds() * 1000, salt, codeHash: digest(salt, code).toString('base64url') };
      const email = request.userAttributes?.email;
      if (!request.userNotFound && email && emailVerified(request.userAttributes)) {
        await sendCode({ email, code, expiresAt: marker.expiresAt, ttlSeconds: ttlSeconds(), event });
      }
    }
    response.publicChallengeParameters = {
      deliveryMedium: 'EMAIL',
      codeLength: String(CODE_LENGTH),
      expiresAt: new Date(marker.expiresAt).toISOString(),
      attemptsLeft: String(Math.max(0, MAX_ATTEMPTS - session.filter((s) => s.challengeResult !== true).length)),
    };
    response.privateChallengeParameters = {
      codeHash: marker.codeHash,
      salt: marker.salt,
      expiresAt: String(marker.expiresAt),
    };
    response.challengeMetadata = encodeMarker(marker);
    return event;
  };

  const verifyAuthChallenge = async (event) => {
    const request = event.request ?? {};
    const response = event.response ?? (event.response = {});
    const priv = request.privateChallengeParameters ?? {};
    const expiresAt = Number(priv.expiresAt);
    const matches = answerMatches(request.challengeAnswer, priv.salt, priv.codeHash);
    const fresh = Number.isFinite(expiresAt) && expiresAt > now();
    response.answerCorrect = Boolean(matches && fresh && !request.userNotFound);
    return event;
  };

  return { defineAuthChallenge, createAuthChallenge, verifyAuthChallenge };
};

const lambdaHandlers = createPasswordlessTriggers();

/** Lambda entry points: handler names `index.defineAuthChallenge` etc. */
export const defineAuthChallenge = lambdaHandlers.defineAuthChallenge;
export const createAuthChallenge = lambdaHandlers.createAuthChallenge;
export const verifyAuthChallenge = lambdaHandlers.verifyAuthChallenge;
