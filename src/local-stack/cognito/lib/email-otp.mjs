// Choice-based sign-in without triggers: InitiateAuth with AuthFlow USER_AUTH and PREFERRED_CHALLENGE=EMAIL_OTP mails
// a one-time code (8 digits, as Cognito's) and answers EMAIL_OTP; RespondToAuthChallenge with EMAIL_OTP_CODE completes
// it. The code lives --code-ttl-seconds and allows three attempts on the same session. The pool must list EMAIL_OTP in
// SignInPolicy.AllowedFirstAuthFactors and the client must allow ALLOW_USER_AUTH. An unknown or unverified email gets a
// challenge that looks the same and never succeeds (PreventUserExistenceErrors).
import { randomInt } from 'node:crypto';
import { cognitoError, invalidParameter, maskEmail, notAuthorized } from './support.mjs';

const EMAIL_OTP = 'EMAIL_OTP';
const ATTEMPTS = 3;

const eightDigitCode = () => String(randomInt(0, 100_000_000)).padStart(8, '0');

/**
 * @param {object} deps helpers of createTargets and the launcher: freshUser, issue, sessions, codes, emailOf,
 *   attributeValue, codeTtlSeconds
 */
export const createEmailOtp = ({ freshUser, issue, sessions, codes, emailOf, attributeValue, codeTtlSeconds }) => {
  const start = async (ctx, pool, client, params) => {
    if (!params.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
    if (params.PREFERRED_CHALLENGE !== EMAIL_OTP) {
      throw invalidParameter(`The local emulator's USER_AUTH supports PREFERRED_CHALLENGE=${EMAIL_OTP} only`);
    }
    if (!(pool.options.SignInPolicy?.AllowedFirstAuthFactors ?? []).includes(EMAIL_OTP)) {
      throw invalidParameter(`${EMAIL_OTP} is not an allowed first factor of this user pool`);
    }
    const user = await freshUser(ctx, pool, params.USERNAME);
    if (user?.Enabled === false) throw notAuthorized('User is disabled.');
    if (user?.UserStatus === 'UNCONFIRMED') throw cognitoError('UserNotConfirmedException', 'User is not confirmed.');
    const email = emailOf(user);
    const deliverable = user && email && attributeValue('email_verified', user.Attributes) === 'true';
    const code = eightDigitCode();
    if (deliverable) codes.record(email, 'email-otp', code);
    return {
      ChallengeName: EMAIL_OTP,
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: maskEmail(email ?? params.USERNAME) },
      Session: sessions.create({
        challengeName: EMAIL_OTP,
        clientId: client.ClientId,
        username: deliverable ? user.Username : null,
        requestedUsername: params.USERNAME,
        code: deliverable ? code : null,
        codeExpiresAt: Date.now() + codeTtlSeconds * 1000,
        attemptsLeft: ATTEMPTS,
      }),
    };
  };

  /** RespondToAuthChallenge for EMAIL_OTP; {@code session} was taken, and is put back after a wrong code. */
  const answer = async (ctx, pool, client, user, sessionId, session, responses) => {
    const given = responses.EMAIL_OTP_CODE;
    if (!given) throw invalidParameter('Missing required parameter EMAIL_OTP_CODE');
    if (session.codeExpiresAt <= Date.now()) throw cognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
    if (!user || !session.code || String(given) !== session.code) {
      if (session.attemptsLeft > 1) sessions.restore(sessionId, { ...session, attemptsLeft: session.attemptsLeft - 1 });
      throw cognitoError('CodeMismatchException', 'Invalid code received for user');
    }
    return issue(ctx, pool, client, user);
  };

  return { start, answer };
};
