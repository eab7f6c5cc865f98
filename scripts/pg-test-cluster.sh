#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests (SPEC §7: several server processes share one database).
#
#   scripts/pg-test-cluster.sh start   initdb + start on a free port bound to 127.0.0.1; prints the URL on stdout
#   scripts/pg-test-cluster.sh url     prints the URL of the running cluster
#   scripts/pg-test-cluster.sh stop    stops the cluster and removes its folder
#
# The cluster lives in $LOKET_PG_DIR (default: $TMPDIR/loket-pg-test), listens on 127.0.0.1 only, keeps its unix
# socket inside that folder and runs with fsync off (test data only). When the server binaries are missing they are
# installed from Debian's packages. Postgres refuses to run as root, so as root the cluster runs as the `postgres`
# system user (created by the Debian package). Progress goes to stderr; stdout carries only the URL.
#
# Typical use:  export LOKET_TEST_DATABASE_URL="$(scripts/pg-test-cluster.sh start)"; …; scripts/pg-test-cluster.sh stop
set -euo pipefail
shopt -s inherit_errexit

DIR="${LOKET_PG_DIR:-${TMPDIR:-/tmp}/loket-pg-test}"
DB_NAME="${LOKET_PG_DATABASE:-loket_test}"
DB_USER=loket

log() { printf 'pg-test-cluster: %s\n' "$*" >&2; }

find_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$found" && -x "$found/initdb" ]]; then
    printf '%s\n' "$found"
    return 0
  fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

ensure_bin() {
  local bin
  if bin="$(find_bin)"; then
    printf '%s\n' "$bin"
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    log "PostgreSQL server binaries not found and not root: install the 'postgresql' Debian package"
    return 1
  fi
  log "installing PostgreSQL server binaries from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
  # The package may start a system cluster on 5432; this script never uses it.
  find_bin
}

# Runs a command as the cluster's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

running() {
  [[ -f "$DIR/url" && -f "$DIR/data/postmaster.pid" ]] && as_owner "$(cat "$DIR/bin")/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  if running; then
    cat "$DIR/url"
    return 0
  fi
  local bin port password
  bin="$(ensure_bin)"
  if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
    log "creating the postgres system user (the server refuses to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR/sock"
  chmod 700 "$DIR"
  printf '%s\n' "$bin" >"$DIR/bin"
  password="$(node -e "process.stdout.write(require('crypto').randomBytes(12).toString('hex'))")"
  printf '%s\n' "$password" >"$DIR/pwfile"
  if [[ "$(id -u)" == 0 ]]; then
    chown -R postgres: "$DIR"
  fi
  log "initdb in $DIR/data ($bin)"
  as_owner "$bin/initdb" -D "$DIR/data" -U "$DB_USER" --pwfile="$DIR/pwfile" -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2
    return 1
  }
  rm -f "$DIR/pwfile"
  port="$(free_port)"
  log "starting on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || {
    cat "$DIR/server.log" >&2 || true
    return 1
  }
  as_owner "$bin/createdb" -h "$DIR/sock" -p "$port" -U "$DB_USER" "$DB_NAME"
  printf 'postgres://%s:%s@127.0.0.1:%s/%s\n' "$DB_USER" "$password" "$port" "$DB_NAME" >"$DIR/url"
  chmod 600 "$DIR/url"
  cat "$DIR/url"
}

stop() {
  if [[ -f "$DIR/bin" && -d "$DIR/data" ]]; then
    as_owner "$(cat "$DIR/bin")/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 2>&1 || true
  fi
  rm -rf "$DIR"
}

# Everything runs from one function, so bash has parsed the whole file before the first command runs.
main() {
  case "${1:-}" in
    start)
      # A start that fails half-way leaves no server or folder behind.
      trap 'rc=$?; if [[ $rc != 0 ]]; then log "start failed; cleaning up $DIR"; stop; fi' EXIT
      start
      trap - EXIT
      ;;
    stop) stop ;;
    url)
      if running; then cat "$DIR/url"; else log "no cluster running in $DIR"; exit 1; fi
      ;;
    *)
      echo "usage: $0 start|stop|url" >&2
      exit 2
      ;;
  esac
}

main "$@"
