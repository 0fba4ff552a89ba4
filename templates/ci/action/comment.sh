#!/usr/bin/env bash
# Keep one clientbook comment on the pull request, updated in place on every push: the
# comment is found by the hidden marker `clientbook diff --format json` puts on its first line.
# Inputs (environment): BASE, PR (the pull request's number), GH_TOKEN, GITHUB_REPOSITORY.
set -euo pipefail
out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
clientbook diff "$BASE" HEAD --format json > "$out/clientbook-diff.json"
python - "$out/clientbook-diff.json" "$out/clientbook-comment.md" "$out/clientbook-marker" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
open(sys.argv[2], "w", encoding="utf-8").write(doc["comment"])
open(sys.argv[3], "w", encoding="utf-8").write(doc["marker"])
PY
marker="$(cat "$out/clientbook-marker")"
existing="$(gh api --paginate "repos/${GITHUB_REPOSITORY}/issues/${PR}/comments" \
  --jq ".[] | select(.body | startswith(\"${marker}\")) | .id" | head -n 1)"
body="$(python -c 'import json,sys; print(json.dumps({"body": open(sys.argv[1], encoding="utf-8").read()}))' "$out/clientbook-comment.md")"
if [ -n "$existing" ]; then
  printf '%s' "$body" | gh api --method PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${existing}" --input - > /dev/null
  echo "updated the clientbook comment ${existing} on #${PR}"
else
  printf '%s' "$body" | gh api --method POST "repos/${GITHUB_REPOSITORY}/issues/${PR}/comments" --input - > /dev/null
  echo "commented on #${PR}"
fi
