// TOTP multi-factor authentication as Cognito does it: AssociateSoftwareToken gives a secret, VerifySoftwareToken
// checks a first code, SetUserMFAPreference / AdminSetUserMFAPreference turn it on or off, and a password sign-in of a
// user with it on answers SOFTWARE_TOKEN_MFA, completed with a current code. A code is refused when it was already
// used (its time step or an earlier one), and a challenge allows three attempts on the same session.
import { cognitoError, invalidParameter, notAuthorized } from './support.mjs';
import { matchingStep, newSecret } from './totp.mjs';

const SOFTWARE_TOKEN_MFA = 'SOFTWARE_TOKEN_MFA';
const ATTEMPTS = 3;
const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

export const hasSoftwareTokenMfa = (user) => (user.UserMFASettingList ?? []).includes(SOFTWARE_TOKEN_MFA);

/**
 * @param {object} deps helpers of createTargets: authorize, adminUser, save, freshUser, issue, sessions
 */
export const createMfa = ({ authorize, adminUser, save, freshUser, issue, sessions }) => {
  /** Calls on a user's own behalf need the user-pool API scope (Hosted UI tokens may not have it). */
  const selfService = async (ctx, accessToken) => {
    const found = await authorize(ctx, accessToken);
    if (!String(found.payload.scope ?? '').split(' ').includes(USER_ADMIN_SCOPE)) {
      throw notAuthorized('Access Token does not have required scopes');
    }
    return found;
  };

  const associateSoftwareToken = async (ctx, req) => {
    if (req.Session) throw invalidParameter('The local emulator associates software tokens with an AccessToken only');
    const { pool, user } = await selfService(ctx, req.AccessToken);
    const secret = newSecret();
    await save(ctx, pool, { ...user, PendingSoftwareTokenSecret: secret });
    return { SecretCode: secret };
  };

  const verifySoftwareToken = async (ctx, req) => {
    const { pool, user } = await selfService(ctx, req.AccessToken);
    const secret = user.PendingSoftwareTokenSecret;
    if (!secret) throw invalidParameter('User has not associated a software token');
    const step = matchingStep(secret, req.UserCode);
    if (step === null) throw cognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
    await save(ctx, pool, {
      ...user,
      PendingSoftwareTokenSecret: undefined,
      SoftwareToken: { secret, lastStep: step, deviceName: req.FriendlyDeviceName },
    });
    return { Status: 'SUCCESS' };
  };

  const preference = async (ctx, pool, user, settings) => {
    if (!settings) return {};
    if (settings.Enabled && !user.SoftwareToken) throw invalidParameter('User has not verified software token mfa');
    await save(ctx, pool, {
      ...user,
      UserMFASettingList: settings.Enabled ? [SOFTWARE_TOKEN_MFA] : [],
      PreferredMfaSetting: settings.Enabled && settings.PreferredMfa !== false ? SOFTWARE_TOKEN_MFA : undefined,
    });
    return {};
  };

  const setUserMfaPreference = async (ctx, req) => {
    const { pool, user } = await selfService(ctx, req.AccessToken);
    return preference(ctx, pool, user, req.SoftwareTokenMfaSettings);
  };

  const adminSetUserMfaPreference = async (ctx, req) => {
    const { pool, user } = await adminUser(ctx, req);
    return preference(ctx, pool, user, req.SoftwareTokenMfaSettings);
  };

  /** After a right password: the MFA challenge, or null when the user has no second factor on. */
  const challengeAfterPassword = (client, user) => (hasSoftwareTokenMfa(user)
    ? {
      ChallengeName: SOFTWARE_TOKEN_MFA,
      ChallengeParameters: {},
      Session: sessions.create({ challengeName: SOFTWARE_TOKEN_MFA, clientId: client.ClientId, username: user.Username, attemptsLeft: ATTEMPTS }),
    }
    : null);

  /** RespondToAuthChallenge for SOFTWARE_TOKEN_MFA; {@code session} was taken, and is put back after a wrong code. */
  const answer = async (ctx, pool, client, user, sessionId, session, responses) => {
    const code = responses.SOFTWARE_TOKEN_MFA_CODE;
    if (!code) throw invalidParameter('Missing required parameter SOFTWARE_TOKEN_MFA_CODE');
    const token = user.SoftwareToken;
    const step = token ? matchingStep(token.secret, code) : null;
    if (step === null || step <= token.lastStep) {
      if (session.attemptsLeft > 1) sessions.restore(sessionId, { ...session, attemptsLeft: session.attemptsLeft - 1 });
      throw cognitoError('CodeMismatchException', 'Invalid code received for user');
    }
    const current = await freshUser(ctx, pool, user.Username);
    await save(ctx, pool, { ...current, SoftwareToken: { ...current.SoftwareToken, lastStep: step } });
    return issue(ctx, pool, client, current);
  };

  return {
    challengeAfterPassword,
    answer,
    targets: {
      AssociateSoftwareToken: associateSoftwareToken,
      VerifySoftwareToken: verifySoftwareToken,
      SetUserMFAPreference: setUserMfaPreference,
      AdminSetUserMFAPreference: adminSetUserMfaPreference,
    },
  };
};
