#!/bin/bash
# The gateway's healthcheck (its image has neither Node nor curl; bash's /dev/tcp is enough): exit 0 when nginx in
# this container answers 200 on loopback. `healthcheck.sh [path]`, /healthz by default.
set -u
exec 3<>"/dev/tcp/127.0.0.1/${GATEWAY_PORT:-8080}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "${1:-/healthz}" >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ $status == HTTP/1.?' 200 '* ]]
