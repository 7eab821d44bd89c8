#!/usr/bin/env bash
# Breaking-change check of the public API: jsii-diff between the assembly of a git ref and this checkout's.
# Usage: npx projen api-diff [<git ref>]  (default: the newest v* tag; this repository has no release yet, so
# pass a commit, e.g. 1367c46). Run `npx projen compile` first: the current side is this checkout's .jsii.
# The ref's tree is exported with `git archive` (no extra worktree), compiled with jsii once, and cached in
# $API_DIFF_CACHE (default ${TMPDIR:-/tmp}/cdktf-eks-platform-api/<commit>).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || true)}
if [ -z "$ref" ]; then
  echo "api-diff: no v* tag to compare against; name a git ref: npx projen api-diff <ref>" >&2
  exit 2
fi
commit=$(git rev-parse --verify "$ref^{commit}")
base=${API_DIFF_CACHE:-${TMPDIR:-/tmp}/cdktf-eks-platform-api}/$commit
if [ ! -f "$base/.jsii" ]; then
  echo "api-diff: building the assembly of $ref ($commit) in $base"
  rm -rf "$base" && mkdir -p "$base"
  git archive "$commit" | tar -x -C "$base"
  # Same lock file: reuse this checkout's node_modules; otherwise install what that commit locked.
  if cmp -s package-lock.json "$base/package-lock.json"; then
    ln -s "$PWD/node_modules" "$base/node_modules"
  else
    (cd "$base" && npm ci --no-audit --no-fund --ignore-scripts)
  fi
  (cd "$base" && npx jsii --silence-warnings=reserved-word)
fi
if [ ! -f .jsii ]; then
  echo "api-diff: no .jsii here: run 'npx projen compile' first" >&2
  exit 2
fi
echo "api-diff: $ref ($commit) -> this checkout"
# Every change that breaks a consumer is an error, whatever its stability marker.
npx jsii-diff --error-on=all --keys "$base" .
