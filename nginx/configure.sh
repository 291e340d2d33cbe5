#!/bin/sh
# The gateway container's start: fills the deployment's values from the environment into the nginx.conf template
# the image was built with (`node render.mjs --templates <dir>`) and creates the folders nginx writes to under
# $NGINX_PREFIX, so the image needs no Node:
#   configure.sh <template-dir> && exec nginx -p $NGINX_PREFIX -c $NGINX_PREFIX/nginx.conf -e stderr -g 'daemon off;'
# The same variables, defaults, checks and results as render.mjs's readConfig (nginx/test/configure.test.ts renders
# both ways and compares): a checked value never needs quoting or escaping in nginx.conf or in the sed script below.
set -eu
# No file name expansion: a value is never a pattern.
set -f

templates=${1:?usage: configure.sh <template-dir>}
nl='
'

fail() {
  printf '[gateway] %s\n' "$*" >&2
  exit 1
}

# check <variable> <value> <ERE, matched against the whole value> <what it must be>
check() {
  case $2 in *"$nl"*) fail "$1 must be $4 (got a value with a line break)" ;; esac
  printf '%s' "$2" | grep -Eqx -- "$3" || fail "$1 must be $4 (got \"$2\")"
}

# The patterns of render.mjs (`patterns`), as POSIX extended regular expressions.
url_re='http://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[1-9][0-9]{0,4})?(/[^[:space:]]*)?'
port_re='[1-9][0-9]{0,4}'
host_re='[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]|\*'
path_re='[A-Za-z0-9._/-]+'
rate_re='[0-9]+r/[sm]'
burst_re='0|[1-9][0-9]*'
workers_re='auto|[1-9][0-9]*'
user_re='[A-Za-z0-9._-]+( [A-Za-z0-9._-]+)?'
range_re='[0-9]{1,3}(\.[0-9]{1,3}){3}(/[0-9]{1,2})?|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(/[0-9]{1,3})?'

# path <variable> <default>: an absolute, normalised path (path.resolve: symbolic links are not followed).
path() {
  eval "value=\${$1-\$2}"
  check "$1" "$value" "$path_re" 'a file path'
  realpath -m -s -- "$value"
}

# upstream <variable> <default port>: host:port of the part's http:// URL.
upstream() {
  eval "value=\${$1-http://127.0.0.1:\$2}"
  check "$1" "$value" "$url_re" 'an http:// URL like http://127.0.0.1:3000'
  hostport=${value#http://}
  hostport=${hostport%%/*}
  case $hostport in
    \[*) host="${hostport%%]*}]" rest=${hostport#*]} ;;
    *) host=${hostport%%:*} rest=${hostport#"$host"} ;;
  esac
  port=${rest#:}
  [ "${port:-80}" -le 65535 ] || fail "$1 must have a port number (got \"$value\")"
  printf '%s:%s' "$(printf '%s' "$host" | tr 'A-Z' 'a-z')" "${port:-80}"
}

prefix=$(path NGINX_PREFIX /tmp/nginx)
gateway_port=${GATEWAY_PORT-8080}
check GATEWAY_PORT "$gateway_port" "$port_re" 'a port number'
[ "$gateway_port" -le 65535 ] || fail 'GATEWAY_PORT must be a port number'
gateway_host=${GATEWAY_HOST-127.0.0.1}
check GATEWAY_HOST "$gateway_host" "$host_re" 'an address or host name'
auth_burst=${AUTH_RATE_BURST-5}
check AUTH_RATE_BURST "$auth_burst" "$burst_re" 'a whole number'
auth_rate=${AUTH_RATE_LIMIT-10r/m}
check AUTH_RATE_LIMIT "$auth_rate" "$rate_re" 'like 10r/m or 5r/s'
access_log=${GATEWAY_ACCESS_LOG-/dev/stdout}
if [ "$access_log" != off ]; then
  check GATEWAY_ACCESS_LOG "$access_log" "$path_re" 'a file path or off'
  access_log="$access_log sf_json"
fi
workers=${GATEWAY_WORKERS-auto}
check GATEWAY_WORKERS "$workers" "$workers_re" 'auto or a number'
store_bundle=$(path STORE_BUNDLE_PATH /app/packages/store/dist-browser/store.js)
case ${GATEWAY_CACHE-on} in
  on) template=$templates/nginx.conf.template ;;
  off) template=$templates/nginx.nocache.conf.template ;;
  *) fail "GATEWAY_CACHE must be on or off (got \"$GATEWAY_CACHE\")" ;;
esac
[ -r "$template" ] || fail "no template at $template"
cookie_flags='; Secure'
[ "${COOKIE_SECURE-}" = false ] && cookie_flags=''
log_subrequests=off
[ "${GATEWAY_LOG_SUBREQUESTS-off}" = on ] && log_subrequests=on

script=$(mktemp)
trap 'rm -f "$script"' EXIT
# Every value below passed a check that rules out |, & and \ (the specials of a sed replacement) and line breaks.
{
  printf 's|@@SF_PREFIX@@|%s|g\n' "$prefix"
  printf 's|@@SF_LISTEN@@|%s|g\n' "$gateway_host:$gateway_port"
  printf 's|@@SF_STORE_BUNDLE@@|%s|g\n' "$store_bundle"
  printf 's|@@SF_AUTH_RATE@@|%s|g\n' "$auth_rate"
  printf 's|@@SF_AUTH_BURST@@|%s|g\n' "$auth_burst"
  printf 's|@@SF_COOKIE_FLAGS@@|%s|g\n' "$cookie_flags"
  printf 's|@@SF_ACCESS_LOG@@|%s|g\n' "$access_log"
  printf 's|@@SF_LOG_SUBREQUESTS@@|%s|g\n' "$log_subrequests"
  printf 's|@@SF_WORKERS@@|%s|g\n' "$workers"

  # Each upstream's placeholder names its variable and default port.
  for placeholder in $(grep -o '@@SF_UPSTREAM:[A-Z_]*:[0-9]*@@' "$template" | sort -u); do
    spec=${placeholder#@@SF_UPSTREAM:}
    spec=${spec%@@}
    address=$(upstream "${spec%%:*}" "${spec#*:}")
    printf 's|%s|%s|g\n' "$placeholder" "$address"
  done

  # The visitor's address behind the trusted proxies (GATEWAY_TRUSTED_PROXIES, comma-separated): a line each.
  real_ip=''
  old_ifs=$IFS
  IFS=,
  for range in ${GATEWAY_TRUSTED_PROXIES-}; do
    IFS=$old_ifs
    range=$(printf '%s' "$range" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    [ -n "$range" ] || continue
    check GATEWAY_TRUSTED_PROXIES "$range" "$range_re" 'comma-separated addresses or CIDR ranges'
    real_ip="$real_ip\\1set_real_ip_from $range;\\n"
  done
  IFS=$old_ifs
  if [ -n "$real_ip" ]; then
    printf 's|^\\( *\\)@@SF_REAL_IP@@$|%s\\1real_ip_header X-Forwarded-For;\\n\\1real_ip_recursive on;|\n' "$real_ip"
  else
    printf "s|@@SF_REAL_IP@@|# No trusted proxies: the connection's address is the visitor's.|\n"
  fi

  # The workers' user, only when nginx starts as root (an unprivileged master cannot switch users).
  if [ -n "${NGINX_USER+set}" ]; then
    check NGINX_USER "$NGINX_USER" "$user_re" 'a user name (and group)'
  fi
  if [ -n "${NGINX_USER+set}" ] && [ "$(id -u)" = 0 ]; then
    printf 's|^@@SF_USER@@$|user %s;|\n' "$NGINX_USER"
  else
    printf '/^@@SF_USER@@$/d\n'
  fi
} >"$script"

mkdir -p "$prefix/temp" "$prefix/cache" "$prefix/logs"
# Workers of a root master run as an unprivileged user: they must be able to reach the prefix.
chmod 0755 "$prefix"

# The placeholders nginx stamps into every answer (render.mjs's gatewayStamps): random per gateway, kept in the
# prefix so the copies in its cache still match them after a restart.
stamps=$(sed -n 's/^{"nonce":"\(sfnonce[0-9a-f]\{32\}\)","csrf":"\(sfcsrf[0-9a-f]\{32\}\)"}$/\1 \2/p' \
  "$prefix/stamps.json" 2>/dev/null || true)
if [ -z "$stamps" ]; then
  random() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
  stamps="sfnonce$(random) sfcsrf$(random)"
  (umask 077 && printf '{"nonce":"%s","csrf":"%s"}' "${stamps% *}" "${stamps#* }" >"$prefix/stamps.json")
fi
printf 's|@@SF_NONCE@@|%s|g\ns|@@SF_CSRF@@|%s|g\n' "${stamps% *}" "${stamps#* }" >>"$script"

[ -e "$store_bundle" ] || printf '[gateway] %s does not exist\n' "$store_bundle" >&2
sed -f "$script" "$template" >"$prefix/nginx.conf.new"
if grep -q '@@SF_' "$prefix/nginx.conf.new"; then
  fail "a placeholder of $template has no value: $(grep -o '@@SF_[^@]*@@' "$prefix/nginx.conf.new" | head -n 1)"
fi
mv "$prefix/nginx.conf.new" "$prefix/nginx.conf"
printf '[gateway] wrote %s\n' "$prefix/nginx.conf"
