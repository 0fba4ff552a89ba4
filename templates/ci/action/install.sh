#!/usr/bin/env bash
# Install clientbook for the Action: the version asked for, or the action's own checkout.
# Inputs (environment): VERSION (empty: the action's ref), ACTION_PATH.
set -euo pipefail
if [ -n "${VERSION:-}" ]; then
  python -m pip install --disable-pip-version-check --quiet "clientbook==${VERSION}"
else
  python -m pip install --disable-pip-version-check --quiet "${ACTION_PATH}"
fi
