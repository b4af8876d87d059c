# shellcheck shell=bash
# Sourced by the tests that drive a real client: `need_client TOOL...` skips the test (exit
# 77) when one is missing, except in CI (CI=true), where .ci/run installs them all and a
# missing one is a failure.
need_client() {
  local tool
  for tool in "$@"; do
    command -v "$tool" > /dev/null && continue
    if [ "${CI:-}" = true ]; then
      echo "$tool is not installed, and CI needs it (.ci/run installs it)"; exit 1
    fi
    echo "skipped: $tool is not installed (.ci/run installs it)"; exit 77
  done
}
