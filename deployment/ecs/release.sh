#!/usr/bin/env bash
# One release on ECS, in the order that keeps the running service compatible with the schema:
#
#   deployment/ecs/release.sh <image> <db-roles image>      e.g. .../lightbox:1.4.0-native .../lightbox-db-roles:1.4.0
#
#  1. stack update of the migration images only (the service keeps its current task definition);
#  2. the migration task (role bootstrap, then the schema migrations), waited for; its exit code must be 0;
#  3. stack update of the service's image: ECS rolls the tasks (circuit breaker rolls back a failed rollout).
# A failed step stops the release with the service untouched on its previous image.
# Environment: STACK (default lightbox-ecs), AWS_REGION or the CLI's configured region, AWS credentials.
set -euo pipefail

image="${1:?usage: release.sh <image> <db-roles image>}"
roles_image="${2:?usage: release.sh <image> <db-roles image>}"
stack="${STACK:-lightbox-ecs}"

output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

echo "== 1/3 migration task definition -> $image"
aws cloudformation deploy --stack-name "$stack" --template-file "$(dirname "$0")/lightbox-ecs.yaml" \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset \
  --parameter-overrides "MigrationImage=$image" "DbRolesImage=$roles_image"

cluster="$(output ClusterName)"
service="$(output ServiceName)"
task_definition="$(output MigrationTaskDefinitionArn)"
# The migration runs where the service runs: same subnets and security group (the database allows that group).
network="$(aws ecs describe-services --cluster "$cluster" --services "$service" \
  --query 'services[0].networkConfiguration' --output json)"

echo "== 2/3 migration ($task_definition)"
task="$(aws ecs run-task --cluster "$cluster" --launch-type FARGATE --task-definition "$task_definition" \
  --network-configuration "$network" --started-by lightbox-release --query 'tasks[0].taskArn' --output text)"
# tasks-stopped polls for 10 minutes at most; a migration that needs longer is waited for again.
until aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$task" 2>/dev/null; do
  echo "   still running: $task"
done
read -r roles_exit migrate_exit reason < <(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
  --query "[tasks[0].containers[?name=='db-roles'].exitCode | [0], tasks[0].containers[?name=='migrate'].exitCode | [0], tasks[0].stoppedReason]" \
  --output text)
echo "   db-roles exit $roles_exit, migrate exit $migrate_exit ($reason)"
if [[ "$roles_exit" != 0 || "$migrate_exit" != 0 ]]; then
  echo "migration failed: the service still runs its previous image; logs in /ecs/<app> under migrate/" >&2
  exit 1
fi

echo "== 3/3 service -> $image"
aws cloudformation deploy --stack-name "$stack" --template-file "$(dirname "$0")/lightbox-ecs.yaml" \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset \
  --parameter-overrides "Image=$image"
aws ecs wait services-stable --cluster "$cluster" --services "$service"
echo "== released $image"
