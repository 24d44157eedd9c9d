// Builds cognito-local 5.3.0's server from its internals (instead of createDefaultServer, which
// hard-codes ./.cognito, localhost:9229, the console message sender and the shipped key), swaps in
// our targets, token generator and code recorder, and puts a small handler in front of its express
// app for OIDC discovery, JWKS and /_local/codes.
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cl, CodeRecorder, SessionStore, strongPassword, sixDigitCode } from './support.mjs';
import { loadOrCreateKey } from './jwt.mjs';
import { LocalTokenGenerator } from './tokens.mjs';
import { createTargets } from './targets.mjs';
import { createOAuth } from './oauth.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const TRIGGER_MODULE = path.resolve(here, '../../../../deployment/lambda/passwordless-auth/index.mjs');

export const POOL_NAME = 'lightbox';
export const CLIENT_NAME = 'lightbox-app';
export const MACHINE_CLIENT_NAME = 'lightbox-back-office';
export const RESOURCE_SERVER = 'lightbox';
export const MACHINE_SCOPES = ['lightbox/admin.read', 'lightbox/reports.read'];
const APP_AUTH_FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH'];
export const REGION = 'us-east-1';
export const DEMO_ADMIN_EMAIL = 'admin@lightbox.local';
export const GROUPS = [
  { GroupName: 'Admin', Description: 'Administrators: manage users and any image', Precedence: 0 },
  { GroupName: 'Doctor', Description: 'Doctors', Precedence: 10 },
  { GroupName: 'Patient', Description: 'Patients', Precedence: 20 },
];

const { DateClock } = cl('services/clock.js');
const { StormDBDataStoreFactory } = cl('services/dataStore/stormDb.js');
const { CognitoServiceFactoryImpl } = cl('services/cognitoService.js');
const { UserPoolServiceFactoryImpl, UserPoolServiceImpl, attributeValue } = cl('services/userPoolService.js');
const { Router } = cl('server/Router.js');
const { createServer } = cl('server/server.js');
const { CognitoError } = cl('errors.js');

// Email aliases are case-insensitive in Cognito; cognito-local compares them exactly.
const originalGetUserByUsername = UserPoolServiceImpl.prototype.getUserByUsername;
if (!originalGetUserByUsername.__lightbox) {
  const patched = async function getUserByUsername(ctx, username) {
    const found = await originalGetUserByUsername.call(this, ctx, username);
    // Cognito finds a federated user by its username only, never by its sub.
    if (found?.UserStatus === 'EXTERNAL_PROVIDER' && found.Username !== username) return null;
    if (found || typeof username !== 'string' || !username.includes('@')) return found;
    if (!this.options.UsernameAttributes?.includes('email')) return null;
    const wanted = username.trim().toLowerCase();
    const users = await this.dataStore.get(ctx, 'Users', {});
    return Object.values(users).find((u) => String(attributeValue('email', u.Attributes) ?? '').toLowerCase() === wanted) ?? null;
  };
  patched.__lightbox = true;
  UserPoolServiceImpl.prototype.getUserByUsername = patched;
}

const makeLogger = (level) => {
  const pino = require(require.resolve('pino', { paths: [path.dirname(require.resolve('cognito-local/package.json'))] }));
  return pino({ level, base: { name: 'cognito-local' } }, pino.destination(2));
};

const PURPOSE = { SignUp: 'sign-up', ResendCode: 'resend', ForgotPassword: 'forgot-password', UpdateUserAttribute: 'verify-attribute', VerifyUserAttribute: 'verify-attribute' };

/**
 * @returns {Promise<{server: http.Server, info: object, close: () => Promise<void>}>}
 */
export const startEmulator = async ({
  port = 0, host = '127.0.0.1', dataDir, demoAdmin = false, codeTtlSeconds = 180, sessionTtlSeconds = 180,
  logLevel = process.env.LIGHTBOX_COGNITO_LOG_LEVEL ?? 'error', log = (line) => process.stderr.write(`${line}\n`),
}) => {
  if (!dataDir) throw new Error('dataDir is required');
  const dbDir = path.join(path.resolve(dataDir), 'db');
  const logger = makeLogger(logLevel);
  const ctx = { logger };
  const key = loadOrCreateKey(path.resolve(dataDir));
  let baseUrl = `http://${host}:${port}`;
  const issuerFor = (poolId) => `${baseUrl}/${poolId}`;

  const clock = new DateClock();
  const storeFactory = new StormDBDataStoreFactory(dbDir);
  const cognito = await new CognitoServiceFactoryImpl(dbDir, storeFactory, new UserPoolServiceFactoryImpl(clock, storeFactory))
    .create(ctx, { UsernameAttributes: ['email'] });
  const codes = new CodeRecorder(log);
  const tokenGenerator = new LocalTokenGenerator(key, issuerFor);
  const services = {
    clock,
    cognito,
    config: { TriggerFunctions: {}, UserPoolDefaults: { UsernameAttributes: ['email'] }, TokenConfig: {}, ServerConfig: { development: false } },
    messages: {
      // cognito-local's own targets (SignUp, UpdateUserAttributes, ...) deliver through this.
      deliver: async (_ctx, source, _clientId, _poolId, user, code, _meta, details) => {
        const email = details?.DeliveryMedium === 'EMAIL' ? details.Destination : attributeValue('email', user?.Attributes);
        codes.record(email, PURPOSE[source] ?? String(source).toLowerCase(), code);
      },
    },
    otp: sixDigitCode,
    tokenGenerator,
    triggers: { enabled: () => false },
  };
  const { createPasswordlessTriggers } = await import(pathToFileURL(TRIGGER_MODULE).href);
  const triggers = createPasswordlessTriggers({
    codeTtlSeconds,
    sendCode: async ({ email, code }) => codes.record(email, 'passwordless', code),
  });
  const sessions = new SessionStore(sessionTtlSeconds);
  const base = Router(services);
  const fakeSub = (name) => {
    const h = createHash('sha256').update(`${key.kid}:${String(name).toLowerCase()}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const overrides = createTargets({ services, base, codes, sessions, triggers, issuerFor, fakeSub, codeTtlSeconds });
  const router = (target) => {
    const own = Object.hasOwn(overrides, target) && !target.startsWith('_') ? overrides[target] : null;
    if (!own) return base(target);
    return (reqCtx, req) => own({ ...reqCtx, logger: reqCtx.logger.child({ target }) }, req ?? {});
  };
  const app = createServer(router, logger, { development: false }, services).application;

  // ---------------------------------------------------------------- setup: pool, client, groups
  const { pool, client, machineClient, demo } = await ensureSetup(ctx, { cognito, base, services, demoAdmin });

  const known = (poolId) => poolId === pool.options.Id;
  const sendJson = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
  };
  const oauth = createOAuth({ cognito, tokenGenerator, pool, issue: overrides._internal.issue, sendJson });
  const served = (promise, res) => promise.catch((error) => {
    log(`[cognito-local] ${error?.stack ?? error}`);
    if (!res.headersSent) sendJson(res, 500, { message: 'internal error' });
  });
  const front = (req, res) => {
    const url = new URL(req.url, baseUrl);
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && url.pathname === '/_local/codes') {
      const email = url.searchParams.get('email');
      if (!email) return sendJson(res, 400, { message: 'email query parameter is required' });
      const items = codes.list(email);
      return sendJson(res, items.length ? 200 : 404, { items });
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') return served(oauth.token(req, res, ctx), res);
    if (req.method === 'POST' && url.pathname === '/_local/federated-sign-in') return served(oauth.federatedSignIn(req, res, ctx, client), res);
    if (req.method === 'GET' && parts.length === 3 && parts[1] === '.well-known') {
      const poolId = parts[0];
      if (!known(poolId) && !cognito.userPools?.some((p) => p.options.Id === poolId)) {
        return sendJson(res, 404, { message: `User pool ${poolId} does not exist.` });
      }
      if (parts[2] === 'jwks.json') return sendJson(res, 200, key.jwks);
      if (parts[2] === 'openid-configuration') {
        const iss = issuerFor(poolId);
        return sendJson(res, 200, {
          issuer: iss,
          jwks_uri: `${iss}/.well-known/jwks.json`,
          authorization_endpoint: `${baseUrl}/oauth2/authorize`,
          token_endpoint: `${baseUrl}/oauth2/token`,
          userinfo_endpoint: `${baseUrl}/oauth2/userInfo`,
          response_types_supported: ['code', 'token'],
          scopes_supported: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', ...MACHINE_SCOPES],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        });
      }
    }
    return app(req, res);
  };

  const server = http.createServer(front);
  server.keepAliveTimeout = 5000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = server.address().port;
  baseUrl = `http://${host}:${actualPort}`;

  const info = {
    endpoint: baseUrl,
    region: REGION,
    userPoolId: pool.options.Id,
    clientId: client.ClientId,
    issuer: issuerFor(pool.options.Id),
    jwksUri: `${issuerFor(pool.options.Id)}/.well-known/jwks.json`,
    tokenEndpoint: `${baseUrl}/oauth2/token`,
    machineClient: { clientId: machineClient.ClientId, clientSecret: machineClient.ClientSecret, scopes: MACHINE_SCOPES },
    demoAdmin: demo,
  };
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
  return { server, info, close, codes };
};

// -------------------------------------------------------------------------------------------
const ensureSetup = async (ctx, { cognito, base, services, demoAdmin }) => {
  const pools = await cognito.listUserPools(ctx);
  let poolOptions = pools.find((p) => p.Name === POOL_NAME);
  if (!poolOptions) {
    const id = `${REGION}_${randomAlnum(9)}`;
    const now = new Date();
    poolOptions = await cognito.createUserPool(ctx, {
      Id: id,
      Name: POOL_NAME,
      Arn: `arn:aws:cognito-idp:${REGION}:000000000000:userpool/${id}`,
      CreationDate: now,
      LastModifiedDate: now,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      MfaConfiguration: 'OFF',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7,
        },
      },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      SchemaAttributes: schemaAttributes(),
    });
  }
  const pool = await cognito.getUserPool(ctx, poolOptions.Id);
  // Optional TOTP MFA and choice-based sign-in with emailed codes, as the infrastructure template configures them;
  // pools created by older launchers get them on start.
  if (pool.options.MfaConfiguration !== 'OPTIONAL' || !pool.options.SignInPolicy) {
    await pool.updateOptions(ctx, {
      ...pool.options,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
    });
  }

  let client = (await cognito.listAppClients(ctx, pool.options.Id)).find((c) => c.ClientName === CLIENT_NAME);
  if (!client) {
    const created = await base('CreateUserPoolClient')(ctx, {
      UserPoolId: pool.options.Id,
      ClientName: CLIENT_NAME,
      GenerateSecret: false,
      ExplicitAuthFlows: APP_AUTH_FLOWS,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      SupportedIdentityProviders: ['COGNITO', 'Google'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ReadAttributes: ['email', 'email_verified', 'name', 'custom:username'],
      WriteAttributes: ['email', 'name'],
    });
    client = await cognito.getAppClient(ctx, created.UserPoolClient.ClientId);
  }
  if (!client.ExplicitAuthFlows?.includes('ALLOW_USER_AUTH')) {
    client = { ...client, ExplicitAuthFlows: APP_AUTH_FLOWS };
    await pool.saveAppClient(ctx, client);
  }
  let machineClient = (await cognito.listAppClients(ctx, pool.options.Id)).find((c) => c.ClientName === MACHINE_CLIENT_NAME);
  if (!machineClient) {
    // cognito-local has no resource servers: the client's allowed scopes are the whole record of them.
    const created = await base('CreateUserPoolClient')(ctx, {
      UserPoolId: pool.options.Id,
      ClientName: MACHINE_CLIENT_NAME,
      GenerateSecret: true,
      ExplicitAuthFlows: [],
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: MACHINE_SCOPES,
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    machineClient = await cognito.getAppClient(ctx, created.UserPoolClient.ClientId);
  }

  const existingGroups = new Set((await pool.listGroups(ctx)).map((g) => g.GroupName));
  for (const g of GROUPS) {
    if (!existingGroups.has(g.GroupName)) await base('CreateGroup')(ctx, { UserPoolId: pool.options.Id, ...g });
  }

  let demo = null;
  if (demoAdmin && !(await pool.getUserByUsername(ctx, DEMO_ADMIN_EMAIL))) {
    const password = strongPassword(20);
    const res = await base('AdminCreateUser')(ctx, {
      UserPoolId: pool.options.Id,
      Username: DEMO_ADMIN_EMAIL,
      TemporaryPassword: password,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: DEMO_ADMIN_EMAIL },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Demo Admin' },
      ],
    });
    const user = await pool.getUserByUsername(ctx, res.User.Username);
    await pool.saveUser(ctx, { ...user, UserStatus: 'CONFIRMED', UserLastModifiedDate: services.clock.get() });
    await base('AdminAddUserToGroup')(ctx, { UserPoolId: pool.options.Id, Username: res.User.Username, GroupName: 'Admin' });
    demo = { email: DEMO_ADMIN_EMAIL, password };
  }
  void CognitoError;
  return { pool, client, machineClient, demo };
};

const randomAlnum = (n) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = require('node:crypto').randomBytes(n);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
};

const schemaAttributes = () => {
  const { USER_POOL_AWS_DEFAULTS } = cl('services/cognitoService.js');
  const defaults = (USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []).map((a) => (
    a.Name === 'email' ? { ...a, Required: true } : { ...a }
  ));
  return [
    ...defaults,
    {
      Name: 'custom:username',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MinLength: '3', MaxLength: '30' },
    },
  ];
};
