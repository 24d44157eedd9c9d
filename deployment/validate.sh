#!/usr/bin/env bash
# Offline validation of everything under deployment/ plus the top-level .dockerignore.
#
#   bash deployment/validate.sh
#
# Installs what it needs when missing (idempotent): Debian's yamllint, shellcheck and PostgreSQL
# (server and psql, to run the role bootstrap for real), and the pinned npm packages of
# deployment/tools (cfn-lint with the CloudFormation resource specification from @aws-cdk/cfnspec,
# kubernetes-models, @kubernetes/client-node, dockerfile-utils). Needs Node.js 20+ and gcc.
# AWS's Python cfn-lint is not used: it comes only from PyPI, which the project's machines cannot reach.
# Exits non-zero on any error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

log() { printf '== %s\n' "$*"; }

# ---- tools --------------------------------------------------------------------------------
missing=()
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  log "installing ${missing[*]} (apt-get)"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

tools="$here/tools"
stamp="$tools/node_modules/.lightbox-lock"
if [[ ! -f "$stamp" ]] || ! cmp -s "$tools/package-lock.json" "$stamp"; then
  log "installing the npm validators (npm ci)"
  (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  cp "$tools/package-lock.json" "$stamp"
fi

status=0
run() {
  local name="$1"; shift
  log "$name"
  if ! "$@"; then
    printf 'FAILED: %s\n' "$name"
    status=1
  fi
}

# ---- checks -------------------------------------------------------------------------------
yaml_files=()
while IFS= read -r f; do yaml_files+=("$f"); done < <(
  find deployment -path deployment/tools/node_modules -prune -o \
       -path deployment/lambda -prune -o \
       \( -name '*.yaml' -o -name '*.yml' \) -type f -print | sort)
run "yamllint (${#yaml_files[@]} files)" yamllint --strict -c deployment/.yamllint.yaml "${yaml_files[@]}"

run "shellcheck" shellcheck deployment/validate.sh deployment/docker/healthcheck-jvm.sh \
  deployment/ecs/release.sh deployment/kubernetes/release.sh deployment/tools/db-roles-check.sh

run "passwordless triggers: node --test" node --test --test-reporter=dot deployment/lambda/passwordless-auth/index.test.mjs

run "database roles: roles.sql against a throw-away PostgreSQL" bash deployment/tools/db-roles-check.sh

probe="$(mktemp)"
trap 'rm -f "$probe"' EXIT
run "healthcheck.c compiles cleanly (as in Dockerfile.native)" \
  gcc -O2 -Wall -Wextra -Werror -o "$probe" deployment/docker/healthcheck.c

run "JSON parameter files" node -e '
  for (const f of process.argv.slice(1)) {
    const p = JSON.parse(require("fs").readFileSync(f, "utf8"));
    if (!Array.isArray(p) || !p.every((x) => x.ParameterKey && typeof x.ParameterValue === "string")) {
      throw new Error(f + ": expected [{ParameterKey, ParameterValue}]");
    }
  }' deployment/*/*.parameters.example.json

run "CloudFormation, Kubernetes, Dockerfiles" node "$tools/validate.mjs"

if ((status)); then
  log "deployment validation FAILED"
else
  log "deployment validation passed"
fi
exit "$status"
