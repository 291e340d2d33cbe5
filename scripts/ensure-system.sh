#!/usr/bin/env bash
# Makes sure the machine has what the storefront runs on: nginx, PostgreSQL, MariaDB, Redis and RabbitMQ running
# on loopback (and Chromium with --with-browser). Installs from Debian/Ubuntu packages when it may (root + apt);
# otherwise says exactly what is missing. MongoDB is not needed locally: the project's dev server stands in.
set -euo pipefail

with_browser=false
[ "${1:-}" = "--with-browser" ] && with_browser=true

log() { printf '[ensure-system] %s\n' "$*" >&2; }
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=false
install_packages() {
  if ! can_install; then
    log "missing: $*. Install them (Debian/Ubuntu: sudo apt-get install -y $*) and run again."
    exit 1
  fi
  if ! $apt_updated; then
    apt-get update -qq
    apt_updated=true
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 1; done
  log "$2 did not start listening on port $1"
  exit 1
}

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
$with_browser && { command -v chromium >/dev/null || missing+=(chromium); }
port_open 5432 || command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
port_open 3306 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
port_open 6379 || command -v redis-server >/dev/null || missing+=(redis-server)
port_open 5672 || command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
# kubectl renders the k8s/ overlays offline (`kubectl kustomize`) for the deploy manifests' tests.
command -v kubectl >/dev/null || missing+=(kubernetes-client)
[ ${#missing[@]} -eq 0 ] || install_packages "${missing[@]}"

if ! port_open 5432; then
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  wait_port 5432 PostgreSQL
fi
if ! port_open 3306; then
  log "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_port 3306 MariaDB
fi
if ! port_open 6379; then
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
  wait_port 6379 Redis
fi
if ! port_open 5672; then
  log "starting RabbitMQ"
  rabbitmq-server -detached
  wait_port 5672 RabbitMQ
fi
