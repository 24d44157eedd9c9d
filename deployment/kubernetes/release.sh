#!/usr/bin/env bash
# One release on EKS, in the order that keeps the running pods compatible with the schema:
#
#   deployment/kubernetes/release.sh        (after setting the tags in release/kustomization.yaml)
#
#  1. the migration Job of the release's image (role bootstrap, then the schema migrations), waited for until it
#     completes; a failed Job stops the release with the Deployment untouched;
#  2. the service: the Deployment rolls one pod at a time, each counted ready only when the ALB sees it.
# Needs kubectl 1.27+ (kustomize components) pointed at the cluster.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ns=lightbox
job=lightbox-migrate
timeout_seconds="${MIGRATION_TIMEOUT_SECONDS:-900}"

echo "== 1/2 migration"
# A Job's pod template cannot change: the previous release's Job goes first.
kubectl -n "$ns" delete job "$job" --ignore-not-found --wait=true
kubectl apply -k "$here/migrate"
deadline=$((SECONDS + timeout_seconds))
while :; do
  succeeded="$(kubectl -n "$ns" get job "$job" -o jsonpath='{.status.succeeded}')"
  failed="$(kubectl -n "$ns" get job "$job" -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')"
  if [[ "$succeeded" == 1 ]]; then break; fi
  if [[ "$failed" == True || $SECONDS -ge $deadline ]]; then
    kubectl -n "$ns" logs "job/$job" --all-containers --tail=50 >&2 || true
    echo "migration failed: the Deployment still runs its previous image" >&2
    exit 1
  fi
  sleep 5
done

echo "== 2/2 service"
kubectl apply -k "$here/app"
kubectl -n "$ns" rollout status deployment/lightbox --timeout=15m
echo "== released"
