#!/bin/sh
# podman, as podman-compose 1.0.3 (Debian 12) calls it, for a stack on the host's network: that version adds
# `--net <project network> --network-alias <service>` to every container even when the service says
# `network_mode: host`, which podman refuses. This drops those two options from `podman run`/`create`.
case "$1" in
  run | create) ;;
  *) exec podman "$@" ;;
esac
skip=
for arg; do
  shift
  if [ -n "$skip" ]; then
    skip=
    continue
  fi
  case "$arg" in
    --net | --network-alias)
      skip=1
      continue
      ;;
  esac
  set -- "$@" "$arg"
done
exec podman "$@"
