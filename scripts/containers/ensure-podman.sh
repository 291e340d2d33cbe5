#!/usr/bin/env bash
# Makes sure this machine can build and run the images with podman, as root: podman, buildah, podman-compose,
# debootstrap (for the local base image), runc and catatonit from Debian's packages, and a containers.conf that
# works where crun cannot set rlimits (hybrid cgroups) and the default open-file limit is too low for the parts.
# Exit 0 when podman works; 1 (with the reason) when this machine cannot run it.
set -euo pipefail

log() { printf '[ensure-podman] %s\n' "$*" >&2; }
packages=(podman buildah podman-compose debootstrap runc catatonit)

if [ "$(id -u)" != 0 ]; then
  log "needs root (rootful podman; debootstrap)"
  exit 1
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || { log "missing ${missing[*]} and no apt-get"; exit 1; }
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

conf=/etc/containers/containers.conf
if [ ! -e "$conf" ]; then
  log "writing $conf"
  mkdir -p /etc/containers
  cat >"$conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000","nproc=32768:32768"]

[engine]
runtime = "runc"
CONF
fi

if ! podman info >/dev/null 2>&1; then
  log "podman is installed but does not work here: $(podman info 2>&1 | tail -n 1)"
  exit 1
fi
