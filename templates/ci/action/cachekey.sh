#!/usr/bin/env bash
# The lint cache's key: what a cached result depends on besides the records themselves —
# the clientbook version, clientbook.yaml and the schemas. Output: cache-key.
set -euo pipefail
version="$(clientbook --version | awk '{print $NF}')"
inputs="$(cat clientbook.yaml schemas/*.json 2>/dev/null | sha256sum | cut -c1-16)"
echo "cache-key=clientbook-${version}-${inputs}" >> "${GITHUB_OUTPUT:-/dev/null}"
