#!/bin/sh
# Container health check of the JVM image: 0 when liveness (/q/health/live on the management interface)
# answers 200 within 3 s. Liveness, not readiness: a dependency outage must not get the container replaced.
exec curl --silent --fail --max-time 3 --output /dev/null "http://127.0.0.1:${QUARKUS_MANAGEMENT_PORT:-9000}/q/health/live"
