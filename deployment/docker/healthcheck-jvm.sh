#!/bin/sh
# Container health check of the JVM image: 0 when /q/health/ready answers 200 within 3 s.
exec curl --silent --fail --max-time 3 --output /dev/null "http://127.0.0.1:${QUARKUS_HTTP_PORT:-8080}/q/health/ready"
