#!/usr/bin/env bash
# Installs the servers the tests start on 127.0.0.1: PostgreSQL (Debian package) and the npm
# stand-ins for DynamoDB (dynalite) and S3 (s3rver). Safe to run again; it skips what is present.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

if [ -f "$root/tests/services/package.json" ] && [ ! -d "$root/tests/services/node_modules" ]; then
  echo "Installing the npm test services..."
  npm ci --prefix "$root/tests/services" --no-audit --no-fund --loglevel=error
fi

# The deployment tests render k8s/ with `kubectl kustomize`, which needs no cluster.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "Installing kubectl (Debian package kubernetes-client)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq kubernetes-client >/dev/null
fi
