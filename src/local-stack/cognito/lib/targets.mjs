// Replacement and wrapper targets that close the gaps of cognito-local 5.3.0.
// Each entry: (ctx, req) => Promise<response>. Anything not listed goes to cognito-local's own target.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  cl, checkPasswordPolicy, cognitoError, codeMismatch, expiredCode, invalidParameter, maskEmail, notAuthorized,
  sixDigitCode, strongPassword, userNotFound,
} from './support.mjs';
import { decodeRefreshToken } from './tokens.mjs';
import { createMfa } from './mfa.mjs';
import { createEmailOtp } from './email-otp.mjs';

const { attributeValue, attributesAppend, attributesToRecord } = cl('services/userPoolService.js');
const { userToResponseObject, groupToResponseObject } = cl('targets/responses.js');

const SIGNUP_CODE_TTL_MS = 24 * 3600 * 1000;
const RESET_CODE_TTL_MS = 3600 * 1000;
const DELIVERY = (email) => ({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: maskEmail(email) });

const samePassword = (a, b) => {
  const h = (s) => createHash('sha256').update(String(s ?? '')).digest();
  return typeof a === 'string' && typeof b === 'string' && timingSafeEqual(h(a), h(b));
};

const FLOW_PERMISSION = {
  USER_PASSWORD_AUTH: ['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH'],
  CUSTOM_AUTH: ['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'],
  ADMIN_USER_PASSWORD_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  ADMIN_NO_SRP_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  USER_AUTH: ['ALLOW_USER_AUTH'],
};

/**
 * @param {object} deps
 * @param {object} deps.services cognito-local services (cognito, clock, tokenGenerator, ...)
 * @param {(target:string)=>Function} deps.base cognito-local's router
 * @param {import('./support.mjs').CodeRecorder} deps.codes
 * @param {import('./support.mjs').SessionStore} deps.sessions
 * @param {object} deps.triggers passwordless handlers {defineAuthChallenge, createAuthChallenge, verifyAuthChallenge}
 * @param {(poolId:string)=>string} deps.issuerFor
 * @param {(s:string)=>string} deps.fakeSub deterministic fake username for unknown users
 * @param {number} deps.codeTtlSeconds lifetime of emailed sign-in codes
 */
export const createTargets = ({ services, base, codes, sessions, triggers, issuerFor, fakeSub, codeTtlSeconds }) => {
  const { cognito, clock, tokenGenerator } = services;
  const call = (target, ctx, req) => base(target)(ctx, req);

  const poolForClient = async (ctx, clientId) => {
    if (!clientId) throw invalidParameter('Missing required parameter ClientId');
    const client = await cognito.getAppClient(ctx, clientId);
    if (!client) throw cognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    const pool = await cognito.getUserPoolForClientId(ctx, clientId);
    return { pool, client };
  };
  const preventExistence = (client) => client.PreventUserExistenceErrors === 'ENABLED';
  const freshUser = (ctx, pool, username) => pool.getUserByUsername(ctx, username);
  const save = (ctx, pool, user) => pool.saveUser(ctx, { ...user, UserLastModifiedDate: clock.get() });
  const emailOf = (user) => attributeValue('email', user?.Attributes);
  const groupsOf = (ctx, pool, user) => pool.listUserGroupMembership(ctx, user);

  // ------------------------------------------------------------------ tokens and revocation
  /** Tokens for a sign-in; {@code scope} is the OAuth scopes of a Hosted UI sign-in, else the user-pool API's. */
  const issue = async (ctx, pool, client, user, scope = undefined) => {
    const tokens = await tokenGenerator.generate(ctx, user, await groupsOf(ctx, pool, user), client, undefined, 'Authentication', { scope });
    const current = (await freshUser(ctx, pool, user.Username)) ?? user;
    const now = Math.floor(Date.now() / 1000);
    const live = (current.RefreshTokens ?? []).filter((t) => (decodeRefreshToken(t)?.e ?? 0) > now);
    await pool.saveUser(ctx, { ...current, RefreshTokens: [...live, tokens.RefreshToken] });
    return {
      ChallengeParameters: {},
      AuthenticationResult: {
        AccessToken: tokens.AccessToken,
        ExpiresIn: tokens.ExpiresIn,
        TokenType: 'Bearer',
        RefreshToken: tokens.RefreshToken,
        IdToken: tokens.IdToken,
      },
    };
  };

  /** Revoke every refresh token of the user and every access token derived from one. */
  const revokeAll = async (ctx, pool, user) => {
    const current = (await freshUser(ctx, pool, user.Username)) ?? user;
    const now = Math.floor(Date.now() / 1000);
    const revoked = Object.fromEntries(Object.entries(current.RevokedOrigins ?? {}).filter(([, until]) => until > now));
    for (const t of current.RefreshTokens ?? []) {
      const c = decodeRefreshToken(t);
      if (c?.o) revoked[c.o] = (c.e ?? now) + 86400;
    }
    await save(ctx, pool, { ...current, RefreshTokens: [], RevokedOrigins: revoked });
  };

  /** Full check of an access token: signature, exp, token_use, issuer, client, user, revocation. */
  const authorize = async (ctx, accessToken) => {
    if (!accessToken) throw invalidParameter('Missing required parameter AccessToken');
    const payload = tokenGenerator.checkAccessToken(accessToken);
    const client = await cognito.getAppClient(ctx, payload.client_id);
    if (!client) throw notAuthorized('Invalid Access Token');
    const pool = await cognito.getUserPoolForClientId(ctx, payload.client_id);
    if (payload.iss !== issuerFor(pool.options.Id)) throw notAuthorized('Invalid Access Token');
    const user = await pool.getUserByUsername(ctx, payload.username);
    if (!user || attributeValue('sub', user.Attributes) !== payload.sub) throw notAuthorized('Access Token has been revoked');
    if (user.Enabled === false) throw notAuthorized('User is disabled.');
    if (user.RevokedOrigins?.[payload.origin_jti]) throw notAuthorized('Access Token has been revoked');
    return { payload, pool, client, user };
  };
  const withAccessToken = (target) => async (ctx, req) => {
    await authorize(ctx, req?.AccessToken);
    return call(target, ctx, req);
  };

  // ------------------------------------------------------------------ sign-in
  const checkFlow = (client, flow) => {
    const allowed = client.ExplicitAuthFlows ?? [];
    const need = FLOW_PERMISSION[flow];
    if (need && allowed.length && !need.some((p) => allowed.includes(p))) {
      throw invalidParameter(`${flow} flow not enabled for this client`);
    }
  };

  const assertCanSignIn = (user) => {
    if (user.Enabled === false) throw notAuthorized('User is disabled.');
  };

  const newPasswordChallenge = (client, user) => {
    const attrs = attributesToRecord(user.Attributes);
    delete attrs.sub;
    delete attrs.email_verified;
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.Username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(attrs),
      },
      Session: sessions.create({ challengeName: 'NEW_PASSWORD_REQUIRED', clientId: client.ClientId, username: user.Username }),
    };
  };

  const passwordFlow = async (ctx, pool, client, params) => {
    if (!params.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
    if (!params.PASSWORD) throw invalidParameter('Missing required parameter PASSWORD');
    const user = await freshUser(ctx, pool, params.USERNAME);
    if (!user) throw preventExistence(client) ? notAuthorized() : userNotFound();
    assertCanSignIn(user);
    if (user.UserStatus === 'RESET_REQUIRED') throw cognitoError('PasswordResetRequiredException', 'Password reset required for the user');
    if (!samePassword(params.PASSWORD, user.Password)) throw notAuthorized();
    if (user.UserStatus === 'UNCONFIRMED') throw cognitoError('UserNotConfirmedException', 'User is not confirmed.');
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') return newPasswordChallenge(client, user);
    return mfa.challengeAfterPassword(client, user) ?? issue(ctx, pool, client, user);
  };

  const refreshFlow = async (ctx, pool, client, params) => {
    const token = params.REFRESH_TOKEN;
    if (!token) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
    const c = decodeRefreshToken(token);
    if (!c || c.c !== client.ClientId) throw notAuthorized('Invalid Refresh Token');
    const user = await freshUser(ctx, pool, c.u);
    if (!user || !(user.RefreshTokens ?? []).includes(token)) throw notAuthorized('Refresh Token has been revoked');
    if (c.e <= Math.floor(Date.now() / 1000)) throw notAuthorized('Refresh Token has expired');
    assertCanSignIn(user);
    if (user.UserStatus === 'RESET_REQUIRED') throw cognitoError('PasswordResetRequiredException', 'Password reset required for the user');
    const tokens = await tokenGenerator.generate(ctx, user, await groupsOf(ctx, pool, user), client, undefined, 'RefreshTokens',
      { authTime: c.a, originJti: c.o, refreshExp: c.e, scope: c.s });
    return {
      ChallengeParameters: {},
      AuthenticationResult: { AccessToken: tokens.AccessToken, ExpiresIn: tokens.ExpiresIn, TokenType: 'Bearer', IdToken: tokens.IdToken },
    };
  };

  // CUSTOM_AUTH: drive the Define/Create/Verify triggers with Cognito's event shapes.
  const triggerEvent = (pool, client, user, username, triggerSource, request, response) => ({
    version: '1',
    region: 'us-east-1',
    userPoolId: pool.options.Id,
    userName: user?.Username ?? username,
    callerContext: { awsSdkVersion: 'aws-sdk-local', clientId: client.ClientId },
    triggerSource,
    request,
    response,
  });
  const lambdaAttributes = (user) => (user
    ? { ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus, 'cognito:email_alias': emailOf(user) ?? '' }
    : {});

  const customRound = async (ctx, pool, client, user, username, history, clientMetadata) => {
    const userNotFound = !user;
    const userAttributes = lambdaAttributes(user);
    const define = await triggers.defineAuthChallenge(triggerEvent(pool, client, user, username, 'DefineAuthChallenge_Authentication',
      { userAttributes, session: history.map((h) => ({ ...h })), clientMetadata: clientMetadata ?? {}, userNotFound },
      { challengeName: undefined, issueTokens: false, failAuthentication: false }));
    const decision = define?.response ?? {};
    if (decision.failAuthentication) throw notAuthorized();
    if (decision.issueTokens) {
      if (userNotFound) throw notAuthorized();
      const current = await freshUser(ctx, pool, user.Username);
      if (!current) throw notAuthorized();
      assertCanSignIn(current);
      return issue(ctx, pool, client, current);
    }
    if (decision.challengeName !== 'CUSTOM_CHALLENGE') {
      throw cognitoError('InvalidLambdaResponseException', `Unsupported challenge from DefineAuthChallenge: ${decision.challengeName}`);
    }
    const created = await triggers.createAuthChallenge(triggerEvent(pool, client, user, username, 'CreateAuthChallenge_Authentication',
      { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: history.map((h) => ({ ...h })), clientMetadata: clientMetadata ?? {}, userNotFound },
      { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: undefined }));
    const r = created?.response ?? {};
    const shownUsername = user?.Username ?? fakeSub(username);
    return {
      ChallengeName: 'CUSTOM_CHALLENGE',
      ChallengeParameters: { ...(r.publicChallengeParameters ?? {}), USERNAME: shownUsername },
      Session: sessions.create({
        challengeName: 'CUSTOM_CHALLENGE',
        clientId: client.ClientId,
        username: user?.Username ?? null,
        requestedUsername: username,
        history,
        privateChallengeParameters: r.privateChallengeParameters ?? {},
        challengeMetadata: r.challengeMetadata,
      }),
    };
  };

  const customFlow = async (ctx, pool, client, params, clientMetadata) => {
    if (!params.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
    const user = await freshUser(ctx, pool, params.USERNAME);
    if (!user && !preventExistence(client)) throw userNotFound();
    if (user) {
      assertCanSignIn(user);
      if (user.UserStatus === 'UNCONFIRMED') throw cognitoError('UserNotConfirmedException', 'User is not confirmed.');
      if (user.UserStatus === 'RESET_REQUIRED') throw cognitoError('PasswordResetRequiredException', 'Password reset required for the user');
    }
    return customRound(ctx, pool, client, user, params.USERNAME, [], clientMetadata);
  };

  const initiate = async (ctx, req, { admin = false } = {}) => {
    const { pool, client } = await poolForClient(ctx, req.ClientId);
    if (admin && req.UserPoolId !== pool.options.Id) throw cognitoError('ResourceNotFoundException', `User pool client ${req.ClientId} does not exist.`);
    const flow = req.AuthFlow;
    const params = req.AuthParameters ?? {};
    checkFlow(client, flow);
    switch (flow) {
      case 'USER_PASSWORD_AUTH':
        if (admin) break;
        return passwordFlow(ctx, pool, client, params);
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        if (!admin) break;
        return passwordFlow(ctx, pool, client, params);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        return refreshFlow(ctx, pool, client, params);
      case 'CUSTOM_AUTH':
        return customFlow(ctx, pool, client, params, req.ClientMetadata);
      case 'USER_AUTH':
        return emailOtp.start(ctx, pool, client, params);
      default:
        break;
    }
    throw invalidParameter(`Unsupported AuthFlow ${flow} (local emulator supports USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH, CUSTOM_AUTH, USER_AUTH)`);
  };

  const respond = async (ctx, req, { admin = false } = {}) => {
    const { pool, client } = await poolForClient(ctx, req.ClientId);
    if (admin && req.UserPoolId !== pool.options.Id) throw cognitoError('ResourceNotFoundException', `User pool client ${req.ClientId} does not exist.`);
    const responses = req.ChallengeResponses ?? {};
    if (!req.ChallengeName) throw invalidParameter('Missing required parameter ChallengeName');
    if (!responses.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
    if (!req.Session) throw invalidParameter('Missing required parameter Session');
    const s = sessions.take(req.Session);
    if (!s) throw notAuthorized('Invalid session for the user, session is expired.');
    if (s.clientId !== client.ClientId || s.challengeName !== req.ChallengeName) throw notAuthorized('Invalid session for the user.');
    let user = null;
    if (s.username) {
      user = await freshUser(ctx, pool, responses.USERNAME);
      if (!user || user.Username !== s.username) throw notAuthorized('Invalid session for the user.');
      assertCanSignIn(user);
    }

    if (req.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      if (!responses.NEW_PASSWORD) throw invalidParameter('Missing required parameter NEW_PASSWORD');
      if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw notAuthorized('Invalid session for the user.');
      checkPasswordPolicy(pool.options.Policies?.PasswordPolicy, responses.NEW_PASSWORD);
      const extra = Object.entries(responses)
        .filter(([k]) => k.startsWith('userAttributes.'))
        .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }));
      const updated = {
        ...user,
        Attributes: extra.length ? attributesAppend(user.Attributes, ...extra) : user.Attributes,
        Password: responses.NEW_PASSWORD,
        UserStatus: 'CONFIRMED',
      };
      await save(ctx, pool, updated);
      return issue(ctx, pool, client, updated);
    }

    if (req.ChallengeName === 'CUSTOM_CHALLENGE') {
      if (responses.ANSWER === undefined) throw invalidParameter('Missing required parameter ANSWER');
      const verified = await triggers.verifyAuthChallenge(triggerEvent(pool, client, user, s.requestedUsername, 'VerifyAuthChallengeResponse_Authentication',
        {
          userAttributes: lambdaAttributes(user),
          privateChallengeParameters: { ...s.privateChallengeParameters },
          challengeAnswer: String(responses.ANSWER),
          clientMetadata: req.ClientMetadata ?? {},
          userNotFound: !user,
        },
        { answerCorrect: false }));
      const correct = Boolean(verified?.response?.answerCorrect) && Boolean(user);
      const history = [...s.history, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: correct, challengeMetadata: s.challengeMetadata }];
      return customRound(ctx, pool, client, user, s.requestedUsername, history, req.ClientMetadata);
    }

    if (req.ChallengeName === 'SOFTWARE_TOKEN_MFA') return mfa.answer(ctx, pool, client, user, req.Session, s, responses);
    if (req.ChallengeName === 'EMAIL_OTP') return emailOtp.answer(ctx, pool, client, user, req.Session, s, responses);
    throw invalidParameter(`Unsupported ChallengeName ${req.ChallengeName}`);
  };

  // ------------------------------------------------------------------ sign-up and codes
  const signUp = async (ctx, req) => {
    const { pool } = await poolForClient(ctx, req.ClientId);
    if (!req.Username) throw invalidParameter('Missing required parameter Username');
    checkPasswordPolicy(pool.options.Policies?.PasswordPolicy, req.Password);
    if (await freshUser(ctx, pool, req.Username)) throw cognitoError('UsernameExistsException', 'An account with the given email already exists.');
    const res = await call('SignUp', ctx, { ...req, UserAttributes: (req.UserAttributes ?? []).filter((a) => a.Name !== 'email_verified') });
    const user = await freshUser(ctx, pool, res.UserSub);
    if (user) await pool.saveUser(ctx, { ...user, ConfirmationCodeExpiresAt: Date.now() + SIGNUP_CODE_TTL_MS });
    return { ...res, CodeDeliveryDetails: res.CodeDeliveryDetails ? DELIVERY(emailOf(user)) : undefined };
  };

  const confirmSignUp = async (ctx, req) => {
    const { pool, client } = await poolForClient(ctx, req.ClientId);
    const user = await freshUser(ctx, pool, req.Username);
    if (!user) throw preventExistence(client) ? codeMismatch() : userNotFound('Username/client id combination not found.');
    if (user.UserStatus !== 'UNCONFIRMED') throw notAuthorized(`User cannot be confirmed. Current status is ${user.UserStatus}`);
    if (!user.ConfirmationCode || (user.ConfirmationCodeExpiresAt ?? Infinity) <= Date.now()) throw expiredCode();
    if (String(req.ConfirmationCode ?? '') !== user.ConfirmationCode) throw codeMismatch();
    await save(ctx, pool, {
      ...user,
      UserStatus: 'CONFIRMED',
      ConfirmationCode: undefined,
      ConfirmationCodeExpiresAt: undefined,
      Attributes: attributesAppend(user.Attributes, { Name: 'email_verified', Value: 'true' }),
    });
    return {};
  };

  const resendConfirmationCode = async (ctx, req) => {
    const { pool, client } = await poolForClient(ctx, req.ClientId);
    const user = await freshUser(ctx, pool, req.Username);
    if (!user) {
      if (preventExistence(client)) return { CodeDeliveryDetails: DELIVERY(req.Username) };
      throw userNotFound('Username/client id combination not found.');
    }
    if (user.UserStatus !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
    const code = sixDigitCode();
    await save(ctx, pool, { ...user, ConfirmationCode: code, ConfirmationCodeExpiresAt: Date.now() + SIGNUP_CODE_TTL_MS });
    codes.record(emailOf(user), 'resend', code);
    return { CodeDeliveryDetails: DELIVERY(emailOf(user)) };
  };

  const forgotPassword = async (ctx, req) => {
    const { pool, client } = await poolForClient(ctx, req.ClientId);
    const user = await freshUser(ctx, pool, req.Username);
    if (!user) {
      if (preventExistence(client)) return { CodeDeliveryDetails: DELIVERY(req.Username) };
      throw userNotFound('Username/client id combination not found.');
    }
    if (user.Enabled === false) throw notAuthorized('User is disabled.');
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') throw notAuthorized('User password cannot be reset in the current state.');
    const email = emailOf(user);
    const verified = attributeValue('email_verified', user.Attributes) === 'true';
    if (!email || (!verified && user.UserStatus !== 'RESET_REQUIRED')) {
      throw invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
    }
    const code = sixDigitCode();
    await save(ctx, pool, { ...user, ResetCode: code, ResetCodeExpiresAt: Date.now() + RESET_CODE_TTL_MS });
    codes.record(email, 'forgot-password', code);
    return { CodeDeliveryDetails: DELIVERY(email) };
  };

  const confirmForgotPassword = async (ctx, req) => {
    const { pool, client } = await poolForClient(ctx, req.ClientId);
    const user = await freshUser(ctx, pool, req.Username);
    if (!user) throw preventExistence(client) ? codeMismatch() : userNotFound('Username/client id combination not found.');
    checkPasswordPolicy(pool.options.Policies?.PasswordPolicy, req.Password);
    if (!user.ResetCode || (user.ResetCodeExpiresAt ?? 0) <= Date.now()) throw expiredCode();
    if (String(req.ConfirmationCode ?? '') !== user.ResetCode) throw codeMismatch();
    await save(ctx, pool, {
      ...user,
      Password: req.Password,
      UserStatus: 'CONFIRMED',
      ResetCode: undefined,
      ResetCodeExpiresAt: undefined,
      Attributes: attributesAppend(user.Attributes, { Name: 'email_verified', Value: 'true' }),
    });
    return {};
  };

  // ------------------------------------------------------------------ signed-in user
  const changePassword = async (ctx, req) => {
    const { pool, user } = await authorize(ctx, req.AccessToken);
    if (!samePassword(req.PreviousPassword, user.Password)) throw notAuthorized();
    checkPasswordPolicy(pool.options.Policies?.PasswordPolicy, req.ProposedPassword);
    await save(ctx, pool, { ...user, Password: req.ProposedPassword });
    return {};
  };

  const globalSignOut = async (ctx, req) => {
    const { pool, user } = await authorize(ctx, req.AccessToken);
    await revokeAll(ctx, pool, user);
    return {};
  };

  const revokeToken = async (ctx, req) => {
    const { pool, client } = await poolForClient(ctx, req.ClientId);
    const c = decodeRefreshToken(req.Token);
    if (!c || c.c !== client.ClientId) throw cognitoError('UnsupportedTokenTypeException', 'Unsupported token type');
    const user = await freshUser(ctx, pool, c.u);
    if (user && (user.RefreshTokens ?? []).includes(req.Token)) {
      await save(ctx, pool, {
        ...user,
        RefreshTokens: user.RefreshTokens.filter((t) => t !== req.Token),
        RevokedOrigins: { ...(user.RevokedOrigins ?? {}), [c.o]: c.e + 86400 },
      });
    }
    return {};
  };

  // ------------------------------------------------------------------ admin
  const adminUser = async (ctx, req) => {
    const pool = await cognito.getUserPool(ctx, req.UserPoolId);
    const user = await freshUser(ctx, pool, req.Username);
    if (!user) throw userNotFound();
    return { pool, user };
  };

  const adminCreateUser = async (ctx, req) => {
    const pool = await cognito.getUserPool(ctx, req.UserPoolId);
    const existing = req.Username ? await freshUser(ctx, pool, req.Username) : null;
    if (req.TemporaryPassword !== undefined) checkPasswordPolicy(pool.options.Policies?.PasswordPolicy, req.TemporaryPassword);
    const temporaryPassword = req.TemporaryPassword ?? strongPassword(12);
    if (existing && req.MessageAction === 'RESEND') {
      if (existing.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw cognitoError('UnsupportedUserStateException', 'Resend not possible. User status is not FORCE_CHANGE_PASSWORD.');
      const updated = { ...existing, Password: temporaryPassword };
      await save(ctx, pool, updated);
      codes.record(emailOf(existing), 'admin-invite', temporaryPassword);
      return { User: userToResponseObject(updated) };
    }
    if (existing) throw cognitoError('UsernameExistsException', 'User account already exists');
    const res = await call('AdminCreateUser', ctx, {
      ...req,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: temporaryPassword,
      DesiredDeliveryMediums: req.DesiredDeliveryMediums ?? ['EMAIL'],
    });
    codes.record(attributeValue('email', res.User?.Attributes) ?? req.Username, 'admin-invite', temporaryPassword);
    return res;
  };

  const adminSetUserPassword = async (ctx, req) => {
    const { pool, user } = await adminUser(ctx, req);
    checkPasswordPolicy(pool.options.Policies?.PasswordPolicy, req.Password);
    await save(ctx, pool, {
      ...user,
      Password: req.Password,
      UserStatus: req.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
      ResetCode: undefined,
      ResetCodeExpiresAt: undefined,
    });
    return {};
  };

  const adminResetUserPassword = async (ctx, req) => {
    const { pool, user } = await adminUser(ctx, req);
    if (user.Enabled === false) throw notAuthorized('User is disabled.');
    const code = sixDigitCode();
    await save(ctx, pool, { ...user, UserStatus: 'RESET_REQUIRED', ResetCode: code, ResetCodeExpiresAt: Date.now() + RESET_CODE_TTL_MS });
    codes.record(emailOf(user), 'forgot-password', code);
    return {};
  };

  const adminDisableUser = async (ctx, req) => {
    const { pool, user } = await adminUser(ctx, req);
    await save(ctx, pool, { ...user, Enabled: false });
    await revokeAll(ctx, pool, user);
    return {};
  };

  const adminUserGlobalSignOut = async (ctx, req) => {
    const { pool, user } = await adminUser(ctx, req);
    await revokeAll(ctx, pool, user);
    return {};
  };

  const mfa = createMfa({ authorize, adminUser, save, freshUser, issue, sessions });
  const emailOtp = createEmailOtp({ freshUser, issue, sessions, codes, emailOf, attributeValue, codeTtlSeconds });

  const adminListGroupsForUser = async (ctx, req) => {
    const { pool, user } = await adminUser(ctx, req);
    const groups = (await pool.listGroups(ctx))
      .filter((g) => g.members?.includes(user.Username))
      .sort((a, b) => a.GroupName.localeCompare(b.GroupName));
    return page(groups, req.Limit, req.NextToken, (g) => g.GroupName, 'Groups', 'NextToken', groupToResponseObject(req.UserPoolId));
  };

  const createGroup = async (ctx, req) => {
    const pool = await cognito.getUserPool(ctx, req.UserPoolId);
    if (!req.GroupName) throw invalidParameter('Missing required parameter GroupName');
    if (await pool.getGroupByGroupName(ctx, req.GroupName)) {
      throw cognitoError('GroupExistsException', 'A group with the name already exists.');
    }
    return call('CreateGroup', ctx, req);
  };

  const listUsers = async (ctx, req) => {
    const pool = await cognito.getUserPool(ctx, req.UserPoolId);
    const match = parseFilter(req.Filter);
    const users = (await pool.listUsers(ctx)).filter(match).sort(userOrder);
    const toResponse = (u) => {
      const r = userToResponseObject(u);
      if (Array.isArray(req.AttributesToGet) && req.AttributesToGet.length) {
        r.Attributes = (r.Attributes ?? []).filter((a) => req.AttributesToGet.includes(a.Name));
      }
      return r;
    };
    return page(users, req.Limit, req.PaginationToken, (u) => u.Username, 'Users', 'PaginationToken', toResponse);
  };

  const listUsersInGroup = async (ctx, req) => {
    const pool = await cognito.getUserPool(ctx, req.UserPoolId);
    const group = await pool.getGroupByGroupName(ctx, req.GroupName);
    if (!group) throw cognitoError('ResourceNotFoundException', 'Group not found.');
    const members = new Set(group.members ?? []);
    const users = (await pool.listUsers(ctx)).filter((u) => members.has(u.Username)).sort(userOrder);
    return page(users, req.Limit, req.NextToken, (u) => u.Username, 'Users', 'NextToken', userToResponseObject);
  };

  return {
    InitiateAuth: (ctx, req) => initiate(ctx, req),
    AdminInitiateAuth: (ctx, req) => initiate(ctx, req, { admin: true }),
    RespondToAuthChallenge: (ctx, req) => respond(ctx, req),
    AdminRespondToAuthChallenge: (ctx, req) => respond(ctx, req, { admin: true }),
    SignUp: signUp,
    ConfirmSignUp: confirmSignUp,
    ResendConfirmationCode: resendConfirmationCode,
    ForgotPassword: forgotPassword,
    ConfirmForgotPassword: confirmForgotPassword,
    ChangePassword: changePassword,
    GlobalSignOut: globalSignOut,
    RevokeToken: revokeToken,
    GetUser: withAccessToken('GetUser'),
    UpdateUserAttributes: withAccessToken('UpdateUserAttributes'),
    DeleteUser: withAccessToken('DeleteUser'),
    DeleteUserAttributes: withAccessToken('DeleteUserAttributes'),
    GetUserAttributeVerificationCode: withAccessToken('GetUserAttributeVerificationCode'),
    VerifyUserAttribute: withAccessToken('VerifyUserAttribute'),
    AdminCreateUser: adminCreateUser,
    AdminSetUserPassword: adminSetUserPassword,
    AdminResetUserPassword: adminResetUserPassword,
    AdminDisableUser: adminDisableUser,
    AdminUserGlobalSignOut: adminUserGlobalSignOut,
    AdminListGroupsForUser: adminListGroupsForUser,
    CreateGroup: createGroup,
    ListUsers: listUsers,
    ListUsersInGroup: listUsersInGroup,
    ...mfa.targets,
    // exposed for the launcher's own setup
    _internal: { issue, revokeAll, poolForClient },
  };
};

// ------------------------------------------------------------------ listing helpers
const userOrder = (a, b) => (new Date(a.UserCreateDate).getTime() - new Date(b.UserCreateDate).getTime()) || a.Username.localeCompare(b.Username);

const page = (items, limit, token, keyOf, listName, tokenName, map) => {
  const max = limit === undefined || limit === null ? 60 : Number(limit);
  if (!Number.isInteger(max) || max < 0 || max > 60) throw invalidParameter(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`);
  let start = 0;
  if (token) {
    let after;
    try {
      after = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')).after;
    } catch {
      after = undefined;
    }
    if (typeof after !== 'string') throw invalidParameter('Invalid pagination token');
    const idx = items.findIndex((i) => keyOf(i) === after);
    start = idx >= 0 ? idx + 1 : items.findIndex((i) => keyOf(i) > after);
    if (start < 0) start = items.length;
  }
  const size = max === 0 ? 60 : max;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  const out = { [listName]: slice.map((i) => map(i)) };
  if (more && slice.length) out[tokenName] = Buffer.from(JSON.stringify({ after: keyOf(slice[slice.length - 1]) })).toString('base64url');
  return out;
};

const FILTER_RE = /^\s*(?<attr>[\w:]+)\s*(?<op>\^?=)\s*"(?<value>(?:[^"\\]|\\.)*)"\s*$/;
const FILTER_FIELDS = {
  username: { get: (u) => u.Username },
  email: { get: (u) => attributeValue('email', u.Attributes), ci: true },
  phone_number: { get: (u) => attributeValue('phone_number', u.Attributes) },
  name: { get: (u) => attributeValue('name', u.Attributes) },
  given_name: { get: (u) => attributeValue('given_name', u.Attributes) },
  family_name: { get: (u) => attributeValue('family_name', u.Attributes) },
  preferred_username: { get: (u) => attributeValue('preferred_username', u.Attributes) },
  sub: { get: (u) => attributeValue('sub', u.Attributes) },
  'cognito:user_status': { get: (u) => u.UserStatus, ci: true },
  status: { get: (u) => (u.Enabled === false ? 'Disabled' : 'Enabled') },
};

/** Cognito ListUsers filter: `attr = "v"` or `attr ^= "v"`; status is Enabled|Disabled, cognito:user_status is the UserStatus. */
export const parseFilter = (filter) => {
  if (!filter || !String(filter).trim()) return () => true;
  const m = FILTER_RE.exec(String(filter));
  if (!m) throw invalidParameter('Error while parsing filter.');
  const field = FILTER_FIELDS[m.groups.attr];
  if (!field) throw invalidParameter(`Invalid search attribute: ${m.groups.attr}`);
  const norm = (v) => (field.ci ? String(v).toLowerCase() : String(v));
  const value = norm(m.groups.value.replace(/\\(.)/g, '$1'));
  return (u) => {
    const got = field.get(u);
    if (got === undefined || got === null) return false;
    return m.groups.op === '=' ? norm(got) === value : norm(got).startsWith(value);
  };
};
