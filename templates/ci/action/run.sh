#!/usr/bin/env bash
# The Action's main step: run one clientbook command as CI needs it, and say what it found.
#
# Inputs (environment, from action.yml): INPUT_COMMAND, INPUT_PATHS, INPUT_FORMAT,
# INPUT_CHANGED_SINCE, INPUT_SARIF, INPUT_SUMMARY, INPUT_STRICT, INPUT_BASELINE, INPUT_OUT.
# The runner's: GITHUB_BASE_REF (set in pull requests), GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
# RUNNER_TEMP. Outputs: errors, warnings, sarif-file, changed-since.
set -uo pipefail

out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
outputs="${GITHUB_OUTPUT:-/dev/null}"

# In a pull request, compare with its base; "none" checks everything.
base="${INPUT_CHANGED_SINCE:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/${GITHUB_BASE_REF}"
fi
[ "$base" = "none" ] && base=""
echo "changed-since=${base}" >> "$outputs"

read -r -a paths <<< "${INPUT_PATHS:-}"
lint_args=()
[ -n "$base" ] && lint_args+=(--changed-since "$base")
[ "${INPUT_STRICT:-false}" = "true" ] && lint_args+=(--strict)
[ -n "${INPUT_BASELINE:-}" ] && lint_args+=(--baseline "$INPUT_BASELINE")

status=0
case "${INPUT_COMMAND:-lint}" in
  lint)
    clientbook lint --format "${INPUT_FORMAT:-github}" "${lint_args[@]}" "${paths[@]}" || status=$?
    if [ "$status" -le 1 ]; then
      clientbook lint --format json --output "$out/clientbook-lint.json" "${lint_args[@]}" \
        "${paths[@]}" > /dev/null
      python - "$out/clientbook-lint.json" >> "$outputs" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1], encoding="utf-8"))["summary"]
print(f"errors={summary['errors']}\nwarnings={summary['warnings']}")
PY
    fi
    if [ "${INPUT_SARIF:-false}" = "true" ]; then
      clientbook lint --format sarif --output "$out/clientbook.sarif" "${lint_args[@]}" \
        "${paths[@]}" > /dev/null
      echo "sarif-file=$out/clientbook.sarif" >> "$outputs"
    fi
    ;;
  fmt-check) clientbook fmt --check "${paths[@]}" || status=$? ;;
  report) clientbook report --format markdown >> "$summary" || status=$? ;;
  build) clientbook build --out "${INPUT_OUT:-site}" || status=$? ;;
  codeowners-check) clientbook codeowners --check || status=$? ;;
  diff) ;;  # the summary below is the whole job
  *)
    echo "::error title=clientbook action::unknown command '${INPUT_COMMAND}': use lint, fmt-check, report, build, codeowners-check or diff"
    exit 2
    ;;
esac

if [ "${INPUT_SUMMARY:-true}" = "true" ] && [ -n "$base" ]; then
  clientbook diff "$base" HEAD --format markdown >> "$summary" || status=$((status > 0 ? status : 2))
fi
exit "$status"
