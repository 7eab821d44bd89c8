#!/usr/bin/env bash
# The system tools the tests need beside npm's packages: python3 (the application self-test's script, standard
# library only), openssl (throwaway certificates) and Debian's redis-server (TLS and ACL users, started by the
# tests on loopback). Installs whichever is missing, with apt as root; prints what to run otherwise.
# Used by the README's quick start and by .ci/run, so both install the same things.
set -euo pipefail
missing=()
for tool in python3 openssl redis-server; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing: ${missing[*]}; run 'sudo apt-get install -y ${missing[*]}' (or this script as root)" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
