#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are not installed yet; a second run
# only checks. Used by the test setup and every benchmark script. Needs root (or sudo).
#   scripts/apt-install.sh LABEL PACKAGE...
# This image's dpkg hook deletes downloaded archives between dpkg passes, which breaks large
# installs; an apt config that clears DPkg::Post-Invoke avoids it.
set -euo pipefail
label=$1
shift
missing=()
for p in "$@"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
apt_conf=$(mktemp)
trap 'rm -f "$apt_conf"' EXIT
printf '#clear DPkg::Post-Invoke;\n' >"$apt_conf"
echo "$label: installing apt packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get -c "$apt_conf" update -qq
"${sudo_cmd[@]}" apt-get -c "$apt_conf" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
