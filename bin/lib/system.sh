# Shared steps of bin/demo and bin/test: install what is missing from Debian's packages and npm,
# start local services, and say what each step did; sourced, never run on its own.

say() { printf 'certwatch: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# CERTWATCH_CHECK_ONLY=1 turns every install into a check that fails naming what is missing: the
# test that runs these scripts must never install anything from inside the test suite.
check_only() { [ "${CERTWATCH_CHECK_ONLY:-}" = 1 ] && die "$1 (CERTWATCH_CHECK_ONLY=1: not installing)"; return 0; }

# Runs a command as root: directly, through sudo without a password, or not at all (the user is
# told the exact command to run instead, since a setup script must never hang on a prompt).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else die "this step needs root: run   sudo $*   then run this script again"
  fi
}

# need_packages CHECK=PACKAGE …: installs each Debian package whose check (a command name, or a
# path when it starts with /) is not already there; one apt-get call for all of them.
need_packages() {
  local missing=() pair check pkg
  for pair in "$@"; do
    check=${pair%%=*}; pkg=${pair#*=}
    if [ "${check#/}" != "$check" ]; then [ -e "$check" ] && continue
    else command -v "$check" >/dev/null 2>&1 && continue
    fi
    missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && { say "system packages: all present"; return 0; }
  check_only "missing Debian packages: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get here: install them with your system's package manager"
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq || die "apt-get update failed (no network to Debian's mirrors?)"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get could not install: ${missing[*]} (is each package available: apt-cache policy NAME?)"
}

# npm ci when node_modules is missing or was installed from another package-lock.json: the lock's
# hash is written beside the install once npm ci succeeds, so a touched but unchanged lock (a fresh
# checkout) installs nothing, and an install made by hand is checked once by one npm ci.
need_node_modules() {
  command -v node >/dev/null 2>&1 || die "Node.js 20 or later is needed (node not found)"
  local major; major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20 or later is needed (found $(node --version))"
  local want; want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat node_modules/.certwatch-lock-sha256 2>/dev/null)" = "$want" ]; then
    say "npm packages: installed from this package-lock.json"; return 0
  fi
  if [ "${CERTWATCH_CHECK_ONLY:-}" = 1 ]; then
    [ -f node_modules/.package-lock.json ] || die "npm packages are not installed (CERTWATCH_CHECK_ONLY=1: not installing)"
    say "npm packages: present (installed by hand; not compared with package-lock.json)"; return 0
  fi
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund || die "npm ci failed"
  echo "$want" > node_modules/.certwatch-lock-sha256
}

# Redis for the tests (the demo starts a private one by itself when none answers). Started without
# persistence: tests make their own keys under unique prefixes and need nothing kept.
need_redis_running() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then say "redis: answering on 127.0.0.1:6379"; return 0; fi
  say "starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null \
    || die "redis-server would not start"
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "redis-server started but does not answer on 127.0.0.1:6379"
}

# PostgreSQL for the tests: started when installed but down; then a database the tests may use.
# A machine whose server trusts local TCP logins uses postgres@…/test as before; elsewhere (Debian's
# default asks for a password) a role and database of our own are made through the postgres OS user.
need_postgres_running() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    local version; version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)
    [ -n "$version" ] || die "PostgreSQL is installed but has no cluster in /etc/postgresql"
    say "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL did not start on 127.0.0.1:5432"
  fi
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    psql "$TEST_DATABASE_URL" -tAc 'SELECT 1' >/dev/null 2>&1 || die "TEST_DATABASE_URL does not connect"
    say "postgres: using TEST_DATABASE_URL"; return 0
  fi
  if psql -h 127.0.0.1 -U postgres -d postgres -w -tAc 'SELECT 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -w -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
      || psql -h 127.0.0.1 -U postgres -d postgres -w -qc 'CREATE DATABASE test' || die "could not create database test"
    say "postgres: postgres@127.0.0.1:5432/test"
    return 0
  fi
  say "postgres asks for a password on 127.0.0.1: making role and database certwatch_test"
  local sql="DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='certwatch_test') THEN CREATE ROLE certwatch_test LOGIN PASSWORD 'certwatch_test'; END IF; END\$\$;"
  as_root runuser -u postgres -- psql -qc "$sql" >/dev/null || die "could not make role certwatch_test"
  as_root runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='certwatch_test'" | grep -q 1 \
    || as_root runuser -u postgres -- psql -qc 'CREATE DATABASE certwatch_test OWNER certwatch_test' || die "could not make database certwatch_test"
  export TEST_DATABASE_URL=postgres://certwatch_test:certwatch_test@127.0.0.1:5432/certwatch_test
  psql "$TEST_DATABASE_URL" -tAc 'SELECT 1' >/dev/null 2>&1 || die "cannot log in as certwatch_test on 127.0.0.1:5432"
}
