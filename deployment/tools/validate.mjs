// Offline validation of deployment/ (run through ../validate.sh, which installs the tools).
//
//  1. CloudFormation: cfn-lint (npm) run against the CloudFormation resource specification that
//     ships in @aws-cdk/cfnspec (v117, far newer than the one bundled with cfn-lint): resource
//     types, property names and types, required properties, Ref/GetAtt/Sub targets, parameters.
//  2. Kubernetes: every document is validated against the OpenAPI schema of its kind
//     (kubernetes-models: types, enums, required fields) and checked for unknown fields against
//     the OpenAPI-generated models of @kubernetes/client-node (a typo such as `readOnlyRootFileSystem`
//     is an error, as `kubectl apply --validate=strict` would make it). The kustomization's
//     resources and images are checked too.
//  3. Dockerfiles: dockerfile-utils' validator (syntax, instruction arguments, flags), plus this
//     project's rules: non-root numeric USER in the final stage, no RUN in the distroless stage,
//     EXPOSE 8080, and every COPY source from the context let in by the allow-list .dockerignore.
//  4. Cross-checks with the contract: the serving containers (ECS, Kubernetes) set every required
//     variable of the configuration table, and the migration runs with QUARKUS_INIT_AND_EXIT=true.
//
// Exits 1 on any error. Warnings are printed and do not fail the run.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const deploymentDir = resolve(here, '..');
const repoDir = resolve(deploymentDir, '..');
const rel = (p) => relative(repoDir, p);

let errorCount = 0;
let warningCount = 0;
let checkCount = 0;
const error = (file, message) => { errorCount++; console.log(`ERROR   ${rel(file)}: ${message}`); };
const warn = (file, message) => { warningCount++; console.log(`warning ${rel(file)}: ${message}`); };
const ok = (file, what) => { checkCount++; console.log(`ok      ${rel(file)} (${what})`); };
const yamlFiles = (dir) => existsSync(dir)
  ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))
  : [];

// Variables of the contract's configuration table that a serving or migrating container must set
// (the optional ones - issuer, endpoints, ID tokens, size, admin group - may be left out).
const REQUIRED_ENV = [
  'AWS_REGION', 'LIGHTBOX_COGNITO_USER_POOL_ID', 'LIGHTBOX_COGNITO_CLIENT_ID', 'LIGHTBOX_BUCKET',
  'LIGHTBOX_DB_HOST', 'LIGHTBOX_DB_PORT', 'LIGHTBOX_DB_NAME', 'LIGHTBOX_DB_USER', 'LIGHTBOX_DB_PASSWORD',
  'LIGHTBOX_DB_SSL_MODE', 'LIGHTBOX_DB_SSL_ROOT_CERT',
];
// Where the images keep the RDS CA bundle (Dockerfile ADD) and the deployments point LIGHTBOX_DB_SSL_ROOT_CERT.
const RDS_CA_BUNDLE = '/etc/ssl/rds/global-bundle.pem';
// LIGHTBOX_DB_SSL_MODE, LIGHTBOX_DB_SSL_ROOT_CERT and LIGHTBOX_DB_POOL_MAX are the TLS and pool settings the
// deployment needs (deployment/README.md, "Configuration").
const CONTRACT_ENV = new Set([...REQUIRED_ENV, 'LIGHTBOX_COGNITO_ISSUER', 'LIGHTBOX_COGNITO_ENDPOINT',
  'LIGHTBOX_S3_ENDPOINT', 'LIGHTBOX_S3_PATH_STYLE', 'LIGHTBOX_ACCEPT_ID_TOKENS', 'LIGHTBOX_MAX_IMAGE_BYTES',
  'LIGHTBOX_ADMIN_GROUP', 'LIGHTBOX_DB_POOL_MAX', 'QUARKUS_INIT_AND_EXIT']);
// The role bootstrap (deployment/db/roles.sql): libpq's connection variables and the two roles it manages.
const DB_ROLES_ENV = ['PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGPASSWORD', 'LIGHTBOX_MIGRATOR_DB_USER',
  'LIGHTBOX_MIGRATOR_DB_PASSWORD', 'LIGHTBOX_APP_DB_USER', 'LIGHTBOX_APP_DB_PASSWORD'];

const checkEnvSet = (file, where, names, { migration }) => {
  for (const name of names) {
    if (!CONTRACT_ENV.has(name)) error(file, `${where}: ${name} is not a variable of the configuration table`);
  }
  const missing = REQUIRED_ENV.filter((n) => !names.includes(n));
  if (missing.length) error(file, `${where}: missing contract variables ${missing.join(', ')}`);
  if (migration !== names.includes('QUARKUS_INIT_AND_EXIT')) {
    error(file, `${where}: QUARKUS_INIT_AND_EXIT must be set ${migration ? '' : 'only '}on the migration`);
  }
  if (!migration && !names.includes('LIGHTBOX_DB_POOL_MAX')) error(file, `${where}: LIGHTBOX_DB_POOL_MAX must be set (connection budget)`);
};
const checkTlsValues = (file, where, value) => {
  if (value('LIGHTBOX_DB_SSL_MODE') !== 'verify-full') error(file, `${where}: LIGHTBOX_DB_SSL_MODE must be verify-full`);
  if (value('LIGHTBOX_DB_SSL_ROOT_CERT') !== RDS_CA_BUNDLE) error(file, `${where}: LIGHTBOX_DB_SSL_ROOT_CERT must be ${RDS_CA_BUNDLE}`);
};

// ---- Database connection budget (deployment/README.md, "Connection budget") ----------------------
// Per instance: the reactive pool plus the LISTEN connection of sign-out notifications. Plus the migration run (1)
// and 5 for operators, within max_connections of the default db.t4g.micro (~80) less the 3 reserved for superusers.
const DB_CONNECTIONS_USABLE = 77;
const DB_OTHER_CONNECTIONS = 1 + 5;
const LISTEN_PER_INSTANCE = 1;
const checkBudget = (file, where, instances, pool) => {
  const total = instances * (pool + LISTEN_PER_INSTANCE) + DB_OTHER_CONNECTIONS;
  if (!(total <= DB_CONNECTIONS_USABLE)) {
    error(file, `${where}: ${instances} instances x (${pool} + ${LISTEN_PER_INSTANCE}) + ${DB_OTHER_CONNECTIONS} = ${total} database connections, over the budget of ${DB_CONNECTIONS_USABLE}`);
  } else {
    ok(file, `${where}: connection budget ${total} of ${DB_CONNECTIONS_USABLE}`);
  }
};

// ---- Memory: heap + direct memory + the native image's other memory must fit the limit -------------
// ~90 MiB besides heap and direct buffers: measured 111 MB RSS of the native executable right after start,
// of which ~20 MiB were young-generation objects.
const NATIVE_OTHER_MIB = 90;
const mib = (arg, flag) => {
  const m = new RegExp(`^${flag}(\\d+)([mMgG])$`).exec(arg ?? '');
  return m ? Number(m[1]) * (/g/i.test(m[2]) ? 1024 : 1) : null;
};
const nativeMemory = (args) => ({
  heap: args.map((a) => mib(a, '-Xmx')).find((v) => v !== null) ?? null,
  young: args.map((a) => mib(a, '-Xmn')).find((v) => v !== null) ?? null,
  direct: args.map((a) => mib(a, '-XX:MaxDirectMemorySize=')).find((v) => v !== null) ?? null,
});
const checkNativeMemory = (file, where, args, limitMib) => {
  const { heap, young, direct } = nativeMemory(args);
  if (heap === null || young === null || direct === null) {
    error(file, `${where}: the native executable needs -Xmx, -Xmn and -XX:MaxDirectMemorySize (got ${JSON.stringify(args)})`);
    return;
  }
  const total = heap + direct + NATIVE_OTHER_MIB;
  if (total > limitMib * 0.9) error(file, `${where}: ${heap} heap + ${direct} direct + ${NATIVE_OTHER_MIB} other = ${total} MiB, over 90 % of the ${limitMib} MiB limit`);
  else ok(file, `${where}: memory ${total} MiB of ${limitMib} MiB`);
};

// ------------------------------------------------------------------------------------- CloudFormation
function validateCloudFormation() {
  const awsData = require('cfn-lint/lib/awsData');
  const newer = require('@aws-cdk/cfnspec/spec/specification.json');
  awsData.awsResources.ResourceTypes = newer.ResourceTypes;
  awsData.awsResources.PropertyTypes = newer.PropertyTypes;
  awsData.awsResources.ResourceSpecificationVersion = newer.ResourceSpecificationVersion;
  const cfnLint = require('cfn-lint/lib/api');

  const templates = [...yamlFiles(join(deploymentDir, 'infrastructure')), ...yamlFiles(join(deploymentDir, 'ecs'))];
  if (!templates.length) error(deploymentDir, 'no CloudFormation templates found');
  for (const file of templates) {
    let result;
    try {
      // Example parameters (also usable with `aws cloudformation deploy`), so that conditions
      // and parameter-typed values are checked with realistic input rather than guesses.
      const paramsFile = file.replace(/\.ya?ml$/, '.parameters.example.json');
      const parameters = existsSync(paramsFile)
        ? Object.fromEntries(JSON.parse(readFileSync(paramsFile, 'utf8')).map((p) => [p.ParameterKey, p.ParameterValue]))
        : {};
      result = cfnLint.validateFile(file, { parameters });
    } catch (e) {
      error(file, `cfn-lint could not parse the template: ${e.message}`);
      continue;
    }
    for (const e of result.errors.crit) error(file, `${e.resource}: ${e.message}`);
    for (const w of result.errors.warn) warn(file, `${w.resource}: ${w.message}`);
    if (result.templateValid && result.errors.crit.length === 0) {
      ok(file, `cfn-lint, CloudFormation resource specification ${newer.ResourceSpecificationVersion}`);
    }
    checkCloudFormationPolicy(file);
  }
}

const cfnCustomTags = ['Ref', 'GetAtt', 'Sub', 'If', 'Not', 'Equals', 'Join', 'Select', 'Split',
  'FindInMap', 'ImportValue', 'GetAZs', 'Base64', 'Cidr', 'And', 'Or', 'Condition']
  .flatMap((t) => [undefined, 'seq', 'map'].map((collection) => ({
    tag: `!${t}`, ...(collection ? { collection } : {}), resolve: (v) => ({ [t]: v?.toJSON ? v.toJSON() : v }),
  })));
const parseTemplate = (file) => YAML.parse(readFileSync(file, 'utf8'), { customTags: cfnCustomTags });
const paramDefault = (doc, name) => doc.Parameters?.[name]?.Default;
const refName = (v) => (v && typeof v === 'object' && 'Ref' in v ? v.Ref : null);
const subText = (v) => (v && typeof v === 'object' && 'Sub' in v ? (Array.isArray(v.Sub) ? v.Sub[0] : v.Sub) : null);

// Project rules the linter does not know: the ECS containers against the contract and the release order.
function checkCloudFormationPolicy(file) {
  const doc = parseTemplate(file);
  const resources = doc.Resources ?? {};
  for (const [name, res] of Object.entries(resources)) {
    if (res.Type !== 'AWS::ECS::TaskDefinition') continue;
    for (const c of res.Properties.ContainerDefinitions ?? []) {
      const where = `${name}/${c.Name}`;
      const env = c.Environment ?? [];
      const secrets = c.Secrets ?? [];
      const names = [...env, ...secrets].map((e) => e.Name);
      const value = (n) => env.find((e) => e.Name === n)?.Value;
      if (c.ReadonlyRootFilesystem !== true) error(file, `${where}: ReadonlyRootFilesystem must be true`);
      if (!(c.MountPoints ?? []).some((m) => m.ContainerPath === '/tmp')) error(file, `${where}: needs a writable /tmp volume`);
      if (env.some((e) => /PASSWORD/.test(e.Name))) error(file, `${where}: a password in plain Environment`);
      const secretFrom = (n) => subText(secrets.find((e) => e.Name === n)?.ValueFrom) ?? '';
      if (c.Name === 'db-roles') {
        const missing = DB_ROLES_ENV.filter((n) => !names.includes(n));
        if (missing.length) error(file, `${where}: missing ${missing.join(', ')}`);
        if (!secretFrom('PGPASSWORD').startsWith('${DbSecretArn}')) error(file, `${where}: PGPASSWORD must come from the master secret`);
        continue;
      }
      const migration = value('QUARKUS_INIT_AND_EXIT') === 'true';
      checkEnvSet(file, where, names, { migration });
      checkTlsValues(file, where, value);
      const expectedSecret = migration ? '${DbMigratorSecretArn}' : '${DbAppSecretArn}';
      for (const n of ['LIGHTBOX_DB_USER', 'LIGHTBOX_DB_PASSWORD']) {
        if (!secretFrom(n).startsWith(expectedSecret)) error(file, `${where}: ${n} must come from ${expectedSecret} (${migration ? 'schema owner' : 'serving role'})`);
      }
      // The release order rests on these: the service and the migration have separate image parameters.
      const image = refName(c.Image);
      if (image !== (migration ? 'MigrationImage' : 'Image')) error(file, `${where}: Image must be !Ref ${migration ? 'MigrationImage' : 'Image'}`);
      if (migration) {
        if (!(c.DependsOn ?? []).some((d) => d.ContainerName === 'db-roles' && d.Condition === 'SUCCESS')) {
          error(file, `${where}: must depend on db-roles with Condition SUCCESS`);
        }
      } else {
        const hc = c.HealthCheck?.Command ?? [];
        if (hc.join(' ') !== 'CMD /usr/local/bin/lightbox-healthcheck') error(file, `${where}: the HealthCheck must run the liveness probe /usr/local/bin/lightbox-healthcheck`);
        if (!(c.StopTimeout >= 40)) error(file, `${where}: StopTimeout must cover the Quarkus shutdown delay and timeout (>= 40 s)`);
        if (!(c.PortMappings ?? []).some((m) => m.ContainerPort === 9000)) error(file, `${where}: the management port 9000 must be mapped`);
      }
    }
    checkCount++;
  }
  // Load balancer: readiness on the management port; the listener never forwards by default.
  for (const [name, res] of Object.entries(resources)) {
    if (res.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup') {
      const p = res.Properties;
      if (p.HealthCheckPort !== '9000' || p.HealthCheckPath !== '/q/health/ready') error(file, `${name}: health check must be /q/health/ready on port 9000`);
    }
    if (res.Type === 'AWS::ElasticLoadBalancingV2::Listener') {
      if ((res.Properties.DefaultActions ?? []).some((a) => a.Type === 'forward')) error(file, `${name}: the default action must not forward (a listener rule forwards the public port only)`);
    }
  }
  const service = Object.values(resources).find((r) => r.Type === 'AWS::ECS::Service');
  if (service) {
    const maxCount = Number(paramDefault(doc, 'MaxCount'));
    const maxPercent = Number(service.Properties.DeploymentConfiguration?.MaximumPercent ?? 200);
    checkBudget(file, 'ECS MaxCount during a deployment', Math.ceil(maxCount * maxPercent / 100), Number(paramDefault(doc, 'DbPoolMaxSize')));
    if (paramDefault(doc, 'DesiredCount') === undefined || doc.Parameters.DesiredCount.MinValue !== 0) error(file, 'DesiredCount must allow 0 (first deployment before the first migration)');
    // The native image's CMD (Dockerfile.native) is what the ECS service runs: it must fit TaskMemory.
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(deploymentDir, 'docker', 'Dockerfile.native'), 'utf8'));
    checkNativeMemory(file, 'Dockerfile.native CMD in TaskMemory', cmd ? JSON.parse(cmd[1]) : [], Number(paramDefault(doc, 'TaskMemory')));
  }
  // Cognito: SES email, deletion protection, trigger timeouts under the 5 s Cognito waits.
  for (const [name, res] of Object.entries(resources)) {
    if (res.Type !== 'AWS::Cognito::UserPool') continue;
    const p = res.Properties;
    if (p.DeletionProtection !== 'ACTIVE') error(file, `${name}: DeletionProtection must be ACTIVE`);
    if (p.EmailConfiguration?.EmailSendingAccount !== 'DEVELOPER') error(file, `${name}: email must be sent through SES (EmailSendingAccount DEVELOPER)`);
    for (const [trigger, arn] of Object.entries(p.LambdaConfig ?? {})) {
      const fn = resources[arn?.GetAtt?.split?.('.')[0] ?? arn?.GetAtt?.[0]];
      if (!fn) { error(file, `${name}: trigger ${trigger} is not a function of this template`); continue; }
      if (!(fn.Properties.Timeout < 5)) error(file, `${name}: trigger ${trigger} has Timeout ${fn.Properties.Timeout}; Cognito waits 5 s`);
    }
    checkCount++;
  }
  for (const [name, res] of Object.entries(resources)) {
    if (res.Type === 'AWS::IAM::ManagedPolicy' && name === 'ServicePolicy') checkIamAgainstCode(file, res);
  }
}

// ---- The service's IAM policy names every S3 and Cognito action the code calls ------------------------
// SDK method -> IAM actions. A method missing here fails the check, so a new call cannot slip through.
const S3_ACTIONS = {
  getObject: ['s3:GetObject'], headObject: ['s3:GetObject'], putObject: ['s3:PutObject'],
  deleteObject: ['s3:DeleteObject'], copyObject: ['s3:GetObject', 's3:PutObject'], headBucket: ['s3:ListBucket'],
  listObjectsV2: ['s3:ListBucket'], createMultipartUpload: ['s3:PutObject'], uploadPart: ['s3:PutObject'],
  completeMultipartUpload: ['s3:PutObject'], abortMultipartUpload: ['s3:AbortMultipartUpload'],
  listParts: ['s3:ListMultipartUploadParts'], presignGetObject: ['s3:GetObject'], presignPutObject: ['s3:PutObject'],
};
// Cognito's public client calls are authorised by the app client, not by IAM.
const COGNITO_UNSIGNED = new Set(['signUp', 'confirmSignUp', 'resendConfirmationCode', 'initiateAuth',
  'respondToAuthChallenge', 'forgotPassword', 'confirmForgotPassword', 'globalSignOut', 'revokeToken',
  'getUser', 'changePassword', 'updateUserAttributes', 'deleteUser']);

function javaSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...javaSources(path));
    else if (entry.endsWith('.java')) out.push(path);
  }
  return out;
}

export function sdkCalls(sources) {
  const calls = []; // {service, method, file}
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    // Variables and fields of the client types, and lambda parameters of functions of the Cognito client
    // (UserPool.call(operation, cognito -> cognito.adminGetUser(...))).
    const vars = [];
    for (const m of text.matchAll(/\b(S3AsyncClient|S3Client|S3Presigner)\s+(\w+)\s*[;=),]/g)) vars.push({ service: 's3', name: m[2] });
    for (const m of text.matchAll(/\bCognitoIdentityProvider(?:Async)?Client\s+(\w+)\s*[;=),]/g)) vars.push({ service: 'cognito', name: m[1] });
    for (const m of text.matchAll(/\.call\(\s*[\w.]+\s*,\s*(\w+)\s*->\s*\1\.(\w+)\(/g)) calls.push({ service: 'cognito', method: m[2], file });
    for (const { service, name } of vars) {
      for (const m of text.matchAll(new RegExp(`\\b${name}\\s*\\.\\s*(\\w+)\\(`, 'g'))) {
        // A pattern variable of the same name (S3Exception s3) is not the client.
        if (['close', 'serviceName', 'toString', 'utilities', 'waiter', 'statusCode', 'awsErrorDetails', 'requestId',
          'extendedRequestId', 'getMessage'].includes(m[1])) continue;
        calls.push({ service, method: m[1], file });
      }
    }
  }
  return calls;
}

function checkIamAgainstCode(file, policy) {
  const actions = new Set((policy.Properties.PolicyDocument.Statement ?? [])
    .filter((st) => st.Effect === 'Allow').flatMap((st) => [].concat(st.Action)));
  const sourceDir = join(repoDir, 'src', 'main', 'java');
  const sources = javaSources(sourceDir).filter((f) => !f.includes(`${join('dev', 'lightbox', 'localstack')}`));
  const calls = sdkCalls(sources);
  const needed = new Map(); // action -> first call site
  for (const { service, method, file: site } of calls) {
    const where = `${relative(repoDir, site)}: ${method}`;
    if (service === 's3') {
      if (!S3_ACTIONS[method]) { error(file, `${where}: S3 method without an IAM mapping in deployment/tools/validate.mjs`); continue; }
      for (const a of S3_ACTIONS[method]) if (!needed.has(a)) needed.set(a, where);
    } else if (!COGNITO_UNSIGNED.has(method)) {
      const a = `cognito-idp:${method[0].toUpperCase()}${method.slice(1)}`;
      if (!needed.has(a)) needed.set(a, where);
    }
  }
  if (!calls.some((c) => c.service === 's3') || !calls.some((c) => c.service === 'cognito')) {
    error(file, 'ServicePolicy: found no S3 or no Cognito calls in src/main/java (has the code moved?)');
  }
  const missing = [...needed].filter(([a]) => !actions.has(a));
  for (const [a, where] of missing) error(file, `ServicePolicy lacks ${a} (called at ${where})`);
  const unused = [...actions].filter((a) => !needed.has(a));
  for (const a of unused) warn(file, `ServicePolicy grants ${a}, which no call in src/main/java needs`);
  if (!missing.length) ok(file, `ServicePolicy names all ${needed.size} IAM actions of ${calls.length} S3/Cognito calls in src/main/java`);
}

// ------------------------------------------------------------------------------------- Kubernetes
const k8sClient = await import('@kubernetes/client-node');

// group/version -> kubernetes-models module path, and the client-node model class prefix.
const k8sModelPath = (apiVersion) => (apiVersion.includes('/') ? `kubernetes-models/${apiVersion}` : `kubernetes-models/${apiVersion}`);
const k8sClientClass = (apiVersion, kind) => {
  const version = apiVersion.split('/').pop();
  return `${version[0].toUpperCase()}${version.slice(1)}${kind}`;
};

// Walks an object against the attribute maps of the generated client models: unknown keys are errors.
function unknownFields(value, type, path, out) {
  if (value === null || value === undefined) return;
  const arrayOf = /^Array<(.+)>$/.exec(type);
  if (arrayOf) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, arrayOf[1], `${path}[${i}]`, out));
    return;
  }
  if (/^\{ \[key: string\]: (.+); \}$/.test(type)) return; // maps (labels, annotations, data)
  const cls = k8sClient[type];
  if (typeof cls?.getAttributeTypeMap !== 'function' || typeof value !== 'object' || Array.isArray(value)) return;
  const attributes = new Map(cls.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [key, child] of Object.entries(value)) {
    if (!attributes.has(key)) out.push(`${path}.${key}: unknown field of ${type}`);
    else unknownFields(child, attributes.get(key), `${path}.${key}`, out);
  }
}

// Every directory under kubernetes/ that holds a kustomization.yaml: common, migrate, app, release.
const kustomizationDirs = (dir) => readdirSync(dir).map((d) => join(dir, d))
  .filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'kustomization.yaml'))).sort();

async function validateKubernetes() {
  const root = join(deploymentDir, 'kubernetes');
  const dirs = kustomizationDirs(root);
  const seen = [];
  for (const dir of dirs) {
    const files = yamlFiles(dir).filter((f) => !f.endsWith('kustomization.yaml'));
    for (const file of files) {
      const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
      for (const d of docs) {
        if (d.errors.length) { error(file, `YAML: ${d.errors[0].message}`); continue; }
        const obj = d.toJSON();
        if (!obj) continue;
        const where = `${obj.kind}/${obj.metadata?.name}`;
        let Model;
        try {
          Model = (await import(k8sModelPath(obj.apiVersion)))[obj.kind];
        } catch {
          Model = undefined;
        }
        if (!Model) { error(file, `${where}: unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`); continue; }
        try {
          new Model(obj).validate();
        } catch (e) {
          error(file, `${where}: ${e.message}`);
          continue;
        }
        const unknown = [];
        unknownFields(obj, k8sClientClass(obj.apiVersion, obj.kind), obj.kind, unknown);
        for (const u of unknown) error(file, `${where}: ${u}`);
        if (!unknown.length) ok(file, `${where} against the ${obj.apiVersion} schema`);
        seen.push({ file, dir, obj });
      }
    }
    checkKustomization(dir, files);
  }
  if (!seen.length) error(root, 'no Kubernetes manifests found');
  checkKubernetesPolicy(seen);
  checkReleaseOrder(root);
}

const containerSecurity = (file, where, c, podSpec) => {
  const sc = c.securityContext ?? {};
  if (sc.readOnlyRootFilesystem !== true) error(file, `${where}: readOnlyRootFilesystem must be true`);
  if (sc.allowPrivilegeEscalation !== false) error(file, `${where}: allowPrivilegeEscalation must be false`);
  if (!(sc.capabilities?.drop ?? []).includes('ALL')) error(file, `${where}: capabilities must drop ALL`);
  const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
  if (!tmp || !(podSpec.volumes ?? []).some((v) => v.name === tmp.name && v.emptyDir)) error(file, `${where}: needs an emptyDir at /tmp`);
  if (!c.resources?.limits?.memory || !c.resources?.requests?.cpu) error(file, `${where}: needs cpu requests and a memory limit`);
};
const mebibytes = (q) => {
  const m = /^(\d+)(Mi|Gi)$/.exec(q ?? '');
  return m ? Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) : NaN;
};
const secretOf = (c, name) => (c.env ?? []).find((e) => e.name === name)?.valueFrom?.secretKeyRef?.name;

function checkKubernetesPolicy(objects) {
  const root = join(deploymentDir, 'kubernetes');
  const configMaps = new Map(objects.filter((o) => o.obj.kind === 'ConfigMap').map((o) => [o.obj.metadata.name, o.obj]));
  const byKind = (kind) => objects.filter((o) => o.obj.kind === kind);
  for (const { file, obj } of objects) {
    const podSpec = obj.kind === 'Deployment' || obj.kind === 'Job' ? obj.spec.template.spec : null;
    if (!podSpec) continue;
    const where = `${obj.kind}/${obj.metadata.name}`;
    if (podSpec.securityContext?.runAsNonRoot !== true) error(file, `${where}: runAsNonRoot must be true`);
    for (const c of podSpec.initContainers ?? []) {
      containerSecurity(file, `${where}/${c.name}`, c, podSpec);
      if (c.name !== 'db-roles') { error(file, `${where}/${c.name}: unexpected init container`); continue; }
      const names = (c.env ?? []).map((e) => e.name);
      const missing = DB_ROLES_ENV.filter((n) => !names.includes(n));
      if (missing.length) error(file, `${where}/${c.name}: missing ${missing.join(', ')}`);
      if (secretOf(c, 'PGPASSWORD') !== 'lightbox-db-master') error(file, `${where}/${c.name}: PGPASSWORD must come from the Secret lightbox-db-master`);
    }
    for (const c of podSpec.containers) {
      const cw = `${where}/${c.name}`;
      containerSecurity(file, cw, c, podSpec);
      const names = (c.env ?? []).map((e) => e.name);
      const values = new Map((c.env ?? []).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
      for (const from of c.envFrom ?? []) {
        const cm = from.configMapRef && configMaps.get(from.configMapRef.name);
        if (from.configMapRef && !cm) error(file, `${cw}: ConfigMap ${from.configMapRef.name} is not defined here`);
        if (cm) for (const [k, v] of Object.entries(cm.data ?? {})) { names.push(k); if (!values.has(k)) values.set(k, v); }
      }
      for (const e of c.env ?? []) {
        if (/PASSWORD/.test(e.name) && !e.valueFrom?.secretKeyRef) error(file, `${cw}: ${e.name} must come from a Secret`);
      }
      const migration = obj.kind === 'Job';
      checkEnvSet(file, cw, names, { migration });
      checkTlsValues(file, cw, (n) => values.get(n));
      const expectedSecret = migration ? 'lightbox-db-migrator' : 'lightbox-db-app';
      for (const n of ['LIGHTBOX_DB_USER', 'LIGHTBOX_DB_PASSWORD']) {
        if (secretOf(c, n) !== expectedSecret) error(file, `${cw}: ${n} must come from the Secret ${expectedSecret}`);
      }
      checkNativeMemory(file, `${cw} args within its memory limit`, c.args ?? [], mebibytes(c.resources?.limits?.memory));
      if (obj.kind === 'Deployment') {
        for (const [probe, path] of [['startupProbe', '/q/health/live'], ['livenessProbe', '/q/health/live'], ['readinessProbe', '/q/health/ready']]) {
          if (c[probe]?.httpGet?.path !== path || c[probe]?.httpGet?.port !== 'management') error(file, `${cw}: ${probe} must GET ${path} on the management port`);
        }
        if (!(c.ports ?? []).some((p) => p.name === 'management' && p.containerPort === 9000)) error(file, `${cw}: needs the port "management" 9000`);
        const preStop = c.lifecycle?.preStop?.sleep?.seconds;
        if (!(preStop > 0)) error(file, `${cw}: needs a preStop sleep (endpoints and the ALB drop a terminating pod late)`);
        // preStop + Quarkus shutdown delay (5 s) + timeout (30 s) must end before SIGKILL.
        if (!(podSpec.terminationGracePeriodSeconds >= (preStop ?? 0) + 35)) error(file, `${where}: terminationGracePeriodSeconds must be at least preStop + 35`);
      }
    }
    if (obj.kind === 'Deployment' && obj.spec.replicas !== undefined) error(file, `${where}: no replicas: the HorizontalPodAutoscaler owns them`);
    checkCount++;
  }
  for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount', 'ConfigMap', 'Job', 'Ingress', 'NetworkPolicy', 'Namespace']) {
    if (!byKind(kind).length) error(root, `no ${kind} manifest`);
  }
  const sa = objects.find((o) => o.obj.kind === 'ServiceAccount' && o.obj.metadata.annotations?.['eks.amazonaws.com/role-arn']);
  if (!sa) error(root, 'no ServiceAccount annotated eks.amazonaws.com/role-arn (IRSA)');
  for (const { file, obj } of byKind('PodDisruptionBudget')) {
    if (obj.spec.maxUnavailable === undefined || obj.spec.minAvailable !== undefined) error(file, 'PodDisruptionBudget: use maxUnavailable (minAvailable blocks drains when the HPA runs few pods)');
  }
  for (const { file, obj } of byKind('Namespace')) {
    if (obj.metadata.labels?.['elbv2.k8s.aws/pod-readiness-gate-inject'] !== 'enabled') error(file, 'Namespace: the ALB pod readiness gate must be injected');
  }
  for (const { file, obj } of byKind('Ingress')) {
    const a = obj.metadata.annotations ?? {};
    const expect = { 'alb.ingress.kubernetes.io/target-type': 'ip', 'alb.ingress.kubernetes.io/healthcheck-port': '9000',
      'alb.ingress.kubernetes.io/healthcheck-path': '/q/health/ready', 'alb.ingress.kubernetes.io/ssl-redirect': '443' };
    for (const [k, v] of Object.entries(expect)) if (a[k] !== v) error(file, `Ingress: ${k} must be ${v}`);
    for (const k of ['alb.ingress.kubernetes.io/certificate-arn', 'alb.ingress.kubernetes.io/wafv2-acl-arn']) if (!a[k]) error(file, `Ingress: ${k} is missing`);
    const backends = (obj.spec.rules ?? []).flatMap((r) => r.http?.paths ?? []).map((p) => p.backend?.service?.port?.name);
    if (!backends.length || backends.some((port) => port !== 'http')) error(file, `Ingress: only the public port (http) may be routed, never management (got ${backends.join(', ')})`);
    if (obj.spec.defaultBackend) error(file, 'Ingress: no default backend (everything else answers 404)');
  }
  // Connection budget: the HPA's maximum plus the rollout's surge, each with its pool.
  const hpa = byKind('HorizontalPodAutoscaler')[0];
  const deployment = byKind('Deployment')[0];
  if (hpa && deployment) {
    const surge = Number(deployment.obj.spec.strategy?.rollingUpdate?.maxSurge ?? 1);
    const pool = Number(configMaps.get('lightbox')?.data?.LIGHTBOX_DB_POOL_MAX);
    checkBudget(hpa.file, 'HPA maxReplicas + maxSurge', hpa.obj.spec.maxReplicas + surge, pool);
  }
}

// The migration Job and the Deployment must never be applied together: separate kustomizations.
function checkReleaseOrder(root) {
  const kindsOf = (dir, visited = new Set()) => {
    if (visited.has(dir)) return [];
    visited.add(dir);
    const k = YAML.parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
    return (k.resources ?? []).flatMap((r) => {
      const path = join(dir, r);
      if (existsSync(join(path, 'kustomization.yaml'))) return kindsOf(path, visited);
      return existsSync(path) ? YAML.parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJSON()?.kind) : [];
    });
  };
  for (const dir of kustomizationDirs(root)) {
    const kinds = kindsOf(dir);
    if (kinds.includes('Job') && kinds.includes('Deployment')) error(join(dir, 'kustomization.yaml'), 'applies the migration Job together with the Deployment');
  }
  checkCount++;
}

function checkKustomization(dir, manifestFiles) {
  const file = join(dir, 'kustomization.yaml');
  const k = YAML.parse(readFileSync(file, 'utf8'));
  const known = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'commonLabels', 'commonAnnotations', 'resources',
    'images', 'configMapGenerator', 'secretGenerator', 'patches', 'replicas', 'namePrefix', 'nameSuffix', 'components']);
  for (const key of Object.keys(k)) if (!known.has(key)) error(file, `unknown field ${key}`);
  const component = k.kind === 'Component';
  if (component ? k.apiVersion !== 'kustomize.config.k8s.io/v1alpha1' : (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization')) {
    error(file, 'apiVersion/kind');
  }
  for (const r of k.resources ?? []) {
    const path = join(dir, r);
    if (!existsSync(path)) error(file, `resource ${r} does not exist`);
    else if (statSync(path).isDirectory() && !existsSync(join(path, 'kustomization.yaml'))) error(file, `resource ${r} is a directory without kustomization.yaml`);
  }
  for (const c of k.components ?? []) {
    const path = join(dir, c, 'kustomization.yaml');
    if (!existsSync(path) || YAML.parse(readFileSync(path, 'utf8')).kind !== 'Component') error(file, `component ${c} is not a kustomize Component`);
  }
  for (const f of manifestFiles) {
    if (!(k.resources ?? []).includes(relative(dir, f))) error(file, `${relative(dir, f)} is not listed in resources`);
  }
  for (const img of k.images ?? []) {
    if (!img.name || !(img.newName || img.newTag || img.digest)) error(file, `image entry ${JSON.stringify(img)}`);
  }
  ok(file, component ? 'kustomize component' : 'kustomization resources and components');
}

// ------------------------------------------------------------------------------------- Dockerfiles
// Minimal .dockerignore matcher (the file is an allow-list: "*" then "!" exceptions, then excludes).
function dockerignoreAllows(path) {
  const rules = readFileSync(join(repoDir, '.dockerignore'), 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const toRegex = (pattern) => new RegExp(`^${pattern.replace(/\/$/, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(.*/)?').replace(/\*/g, '[^/]*')}(/.*)?$`);
  // A directory is sent when an exception names something inside it.
  if (rules.some((r) => r.startsWith(`!${path.replace(/\/$/, '')}/`))) return true;
  let included = true;
  for (const rule of rules) {
    const negate = rule.startsWith('!');
    if (toRegex(negate ? rule.slice(1) : rule).test(path)) included = negate;
  }
  return included;
}

async function validateDockerfiles() {
  const { validate } = await import('dockerfile-utils');
  const dir = join(deploymentDir, 'docker');
  const files = readdirSync(dir).filter((f) => f.startsWith('Dockerfile')).sort().map((f) => join(dir, f));
  if (!files.length) error(dir, 'no Dockerfiles');
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const diagnostics = validate(text, { deprecatedMaintainer: 1, directiveCasing: 1, instructionCasing: 1,
      instructionCmdMultiple: 1, instructionEntrypointMultiple: 1, instructionHealthcheckMultiple: 1,
      emptyContinuationLine: 1, duplicatedEscapeDirective: 1 });
    for (const d of diagnostics) {
      const message = `line ${d.range.start.line + 1}: ${d.message}`;
      if (d.severity === 1) error(file, message); else warn(file, message);
    }
    // Stages and project rules (instructions joined across continuation lines).
    const instructions = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const stages = [];
    for (const ins of instructions) {
      const [op, ...rest] = ins.split(/\s+/);
      if (op.toUpperCase() === 'FROM') stages.push({ from: rest[0], name: rest[2], ins: [] });
      else stages.at(-1)?.ins.push({ op: op.toUpperCase(), args: rest });
    }
    const last = stages.at(-1);
    for (const s of stages) {
      if (!/[:@]/.test(s.from) || /:latest$/.test(s.from)) error(file, `FROM ${s.from}: pin a tag or digest`);
    }
    const user = last.ins.filter((i) => i.op === 'USER').at(-1);
    if (!user || !/^[1-9][0-9]*(:[0-9]+)?$/.test(user.args[0])) error(file, 'the final stage must end as a numeric non-root USER');
    if (/distroless/.test(last.from) && last.ins.some((i) => i.op === 'RUN')) error(file, 'RUN in a distroless stage (it has no shell)');
    // Every image that talks to PostgreSQL trusts the RDS CA bundle at the path the deployments name.
    if (!last.ins.some((i) => i.op === 'ADD' && i.args.at(-1) === RDS_CA_BUNDLE)) error(file, `the final stage must ADD the RDS CA bundle to ${RDS_CA_BUNDLE}`);
    const appImage = /Dockerfile\.(native|jvm)$/.test(file);
    if (appImage) {
      const exposed = last.ins.filter((i) => i.op === 'EXPOSE').flatMap((i) => i.args);
      for (const port of ['8080', '9000']) if (!exposed.includes(port)) error(file, `the final stage must EXPOSE ${port}`);
    }
    // The build context: the repository root (filtered by the allow-list .dockerignore) unless the file names another.
    const context = /^# build-context: (\S+)$/m.exec(text)?.[1] ?? '.';
    for (const s of stages) {
      for (const i of s.ins.filter((x) => x.op === 'COPY' && !x.args.some((a) => a.startsWith('--from=')))) {
        const sources = i.args.filter((a) => !a.startsWith('--')).slice(0, -1);
        for (const src of sources) {
          const path = src.replace(/^\.\//, '').replace(/\/\*\.jar$/, '/x.jar');
          if (context === '.' && !dockerignoreAllows(path)) error(file, `COPY ${src}: excluded by .dockerignore`);
          const onDisk = src.startsWith('target/') ? null : join(repoDir, context, src);
          if (onDisk && !existsSync(onDisk)) error(file, `COPY ${src}: no such file in the build context ${context}`);
        }
      }
    }
    if (lines.length && !diagnostics.some((d) => d.severity === 1)) ok(file, 'dockerfile-utils + image rules');
  }
  for (const path of ['src/test/java/X.java', 'src/local-stack/x', 'target/classes/x', '.git/config', 'deployment/ecs/lightbox-ecs.yaml']) {
    if (dockerignoreAllows(path)) error(join(repoDir, '.dockerignore'), `lets ${path} into the build context`);
  }
  for (const path of ['mvnw', 'pom.xml', 'src/main/java/X.java', 'target/quarkus-app/quarkus-run.jar']) {
    if (!dockerignoreAllows(path)) error(join(repoDir, '.dockerignore'), `keeps ${path} out of the build context`);
  }
  ok(join(repoDir, '.dockerignore'), 'allow-list');
}

// ------------------------------------------------------------------------------------- main
validateCloudFormation();
await validateKubernetes();
await validateDockerfiles();
console.log(`\n${checkCount} checks passed, ${errorCount} errors, ${warningCount} warnings`);
process.exit(errorCount ? 1 : 0);
