#!/usr/bin/env bash
# Tools for `make bench` (not for the product): wrk and nginx from Debian's packages when missing
# (as root, like CI; otherwise it says what to run), and Lighthouse from the npm registry, pinned
# exactly in bench/package.json + bench/package-lock.json, into bench/node_modules.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "missing: ${missing[*]}; run 'sudo apt-get install ${missing[*]}' and try again." >&2
    exit 1
  fi
  # Debian's nginx package starts a system nginx on port 80 after installing, unless a
  # policy-rc.d forbids it: add one for the install only (and leave an existing one alone).
  own_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  trap 'if [ -n "$own_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Lighthouse 12.x: node 20 here, Lighthouse 13 needs node >= 22.19.
if [ ! -x node_modules/.bin/lighthouse ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
