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

// Variables of the contract's configuration table that a serving container must set
// (the optional ones - issuer, endpoints, ID tokens, size, admin group - may be left out).
const REQUIRED_ENV = [
  'AWS_REGION', 'LIGHTBOX_COGNITO_USER_POOL_ID', 'LIGHTBOX_COGNITO_CLIENT_ID', 'LIGHTBOX_BUCKET',
  'LIGHTBOX_DB_HOST', 'LIGHTBOX_DB_PORT', 'LIGHTBOX_DB_NAME', 'LIGHTBOX_DB_USER', 'LIGHTBOX_DB_PASSWORD',
];
// Where the images keep the RDS CA bundle (Dockerfile ADD) and the deployments point LIGHTBOX_DB_SSL_ROOT_CERT.
const RDS_CA_BUNDLE = '/etc/ssl/rds/global-bundle.pem';
const CONTRACT_ENV = new Set([...REQUIRED_ENV, 'LIGHTBOX_COGNITO_ISSUER', 'LIGHTBOX_COGNITO_ENDPOINT',
  'LIGHTBOX_S3_ENDPOINT', 'LIGHTBOX_ACCEPT_ID_TOKENS', 'LIGHTBOX_MAX_IMAGE_BYTES', 'LIGHTBOX_ADMIN_GROUP',
  'QUARKUS_INIT_AND_EXIT']);

const checkEnvSet = (file, where, names, { migration }) => {
  for (const name of names) {
    if (!CONTRACT_ENV.has(name)) error(file, `${where}: ${name} is not a variable of the contract's configuration table`);
  }
  const missing = REQUIRED_ENV.filter((n) => !names.includes(n));
  if (missing.length) error(file, `${where}: missing contract variables ${missing.join(', ')}`);
  if (migration !== names.includes('QUARKUS_INIT_AND_EXIT')) {
    error(file, `${where}: QUARKUS_INIT_AND_EXIT must be set ${migration ? '' : 'only '}on the migration`);
  }
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

// Project rules the linter does not know: the ECS containers against the contract.
function checkCloudFormationPolicy(file) {
  const text = readFileSync(file, 'utf8');
  const customTags = ['Ref', 'GetAtt', 'Sub', 'If', 'Not', 'Equals', 'Join', 'Select', 'Split',
    'FindInMap', 'ImportValue', 'GetAZs', 'Base64', 'Cidr', 'And', 'Or', 'Condition']
    .flatMap((t) => [undefined, 'seq', 'map'].map((collection) => ({
      tag: `!${t}`, ...(collection ? { collection } : {}), resolve: (v) => ({ [t]: v?.toJSON ? v.toJSON() : v }),
    })));
  const doc = YAML.parse(text, { customTags });
  for (const [name, res] of Object.entries(doc.Resources ?? {})) {
    if (res.Type !== 'AWS::ECS::TaskDefinition') continue;
    for (const c of res.Properties.ContainerDefinitions ?? []) {
      const names = [...(c.Environment ?? []), ...(c.Secrets ?? [])].map((e) => e.Name);
      const migration = (c.Environment ?? []).some((e) => e.Name === 'QUARKUS_INIT_AND_EXIT' && e.Value === 'true');
      checkEnvSet(file, `${name}/${c.Name}`, names, { migration });
      if (c.ReadonlyRootFilesystem !== true) error(file, `${name}/${c.Name}: ReadonlyRootFilesystem must be true`);
      if (!(c.MountPoints ?? []).some((m) => m.ContainerPath === '/tmp')) error(file, `${name}/${c.Name}: needs a writable /tmp volume`);
      if ((c.Environment ?? []).some((e) => /PASSWORD/.test(e.Name))) error(file, `${name}/${c.Name}: a password in plain Environment`);
      if (!migration && !c.HealthCheck) error(file, `${name}/${c.Name}: the serving container needs a HealthCheck`);
    }
    checkCount++;
  }
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

async function validateKubernetes() {
  const dir = join(deploymentDir, 'kubernetes');
  const files = yamlFiles(dir).filter((f) => !f.endsWith('kustomization.yaml'));
  if (!files.length) error(dir, 'no Kubernetes manifests found');
  const seen = [];
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
      seen.push({ file, obj });
    }
  }
  checkKubernetesPolicy(seen);
  checkKustomization(dir, files);
}

function checkKubernetesPolicy(objects) {
  const configMaps = new Map(objects.filter((o) => o.obj.kind === 'ConfigMap').map((o) => [o.obj.metadata.name, o.obj]));
  for (const { file, obj } of objects) {
    const podSpec = obj.kind === 'Deployment' || obj.kind === 'Job' ? obj.spec.template.spec : null;
    if (!podSpec) continue;
    const where = `${obj.kind}/${obj.metadata.name}`;
    if (podSpec.securityContext?.runAsNonRoot !== true) error(file, `${where}: runAsNonRoot must be true`);
    for (const c of podSpec.containers) {
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true) error(file, `${where}/${c.name}: readOnlyRootFilesystem must be true`);
      if (sc.allowPrivilegeEscalation !== false) error(file, `${where}/${c.name}: allowPrivilegeEscalation must be false`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) error(file, `${where}/${c.name}: capabilities must drop ALL`);
      const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
      if (!tmp || !(podSpec.volumes ?? []).some((v) => v.name === tmp.name && v.emptyDir)) error(file, `${where}/${c.name}: needs an emptyDir at /tmp`);
      if (!c.resources?.limits?.memory || !c.resources?.requests?.cpu) error(file, `${where}/${c.name}: needs cpu requests and a memory limit`);
      const names = (c.env ?? []).map((e) => e.name);
      for (const from of c.envFrom ?? []) {
        const cm = from.configMapRef && configMaps.get(from.configMapRef.name);
        if (from.configMapRef && !cm) error(file, `${where}/${c.name}: ConfigMap ${from.configMapRef.name} is not defined here`);
        if (cm) names.push(...Object.keys(cm.data ?? {}));
      }
      for (const e of c.env ?? []) {
        if (/PASSWORD/.test(e.name) && !e.valueFrom?.secretKeyRef) error(file, `${where}/${c.name}: ${e.name} must come from a Secret`);
      }
      checkEnvSet(file, `${where}/${c.name}`, names, { migration: obj.kind === 'Job' });
      if (obj.kind === 'Deployment') {
        for (const [probe, path] of [['livenessProbe', '/q/health/live'], ['readinessProbe', '/q/health/ready']]) {
          if (c[probe]?.httpGet?.path !== path) error(file, `${where}/${c.name}: ${probe} must GET ${path}`);
        }
        if (!c.startupProbe) error(file, `${where}/${c.name}: needs a startupProbe`);
      }
    }
    checkCount++;
  }
  const kinds = new Set(objects.map((o) => o.obj.kind));
  for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount', 'ConfigMap', 'Job']) {
    if (!kinds.has(kind)) error(join(deploymentDir, 'kubernetes'), `no ${kind} manifest`);
  }
  const sa = objects.find((o) => o.obj.kind === 'ServiceAccount' && o.obj.metadata.annotations?.['eks.amazonaws.com/role-arn']);
  if (!sa) error(join(deploymentDir, 'kubernetes'), 'no ServiceAccount annotated eks.amazonaws.com/role-arn (IRSA)');
}

function checkKustomization(dir, manifestFiles) {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) { error(file, 'missing'); return; }
  const k = YAML.parse(readFileSync(file, 'utf8'));
  const known = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'commonLabels', 'commonAnnotations', 'resources',
    'images', 'configMapGenerator', 'secretGenerator', 'patches', 'replicas', 'namePrefix', 'nameSuffix', 'components']);
  for (const key of Object.keys(k)) if (!known.has(key)) error(file, `unknown field ${key}`);
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') error(file, 'apiVersion/kind');
  for (const r of k.resources ?? []) if (!existsSync(join(dir, r))) error(file, `resource ${r} does not exist`);
  for (const f of manifestFiles) {
    if (!(k.resources ?? []).includes(relative(dir, f))) error(file, `${relative(dir, f)} is not listed in resources`);
  }
  for (const img of k.images ?? []) {
    if (!img.name || !(img.newName || img.newTag || img.digest)) error(file, `image entry ${JSON.stringify(img)}`);
  }
  ok(file, 'kustomization resources and images');
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
