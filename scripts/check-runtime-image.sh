#!/usr/bin/env bash
# Checks the Dockerfile's runtime stage without Docker: builds dist/ and web/dist/, copies exactly
# the files the runtime stage's COPY lines name into an empty folder, runs `npm ci --omit=dev`
# there, and starts `node dist/server.js` from it — on PostgreSQL (a fresh database next to
# DATABASE_URL, migrated first by `node dist/db/migrate.js`, then MIGRATE=false, NODE_ENV=production; the demo accounts it logs in with need ALLOW_DEMO_LOGIN=true there)
# and on embedded PGlite — checking /readyz with the image's own HEALTHCHECK command, the web app,
# the API docs and a login. Fails if tsx, vite or typescript is installed there.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/check-runtime-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
base_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"

echo "== build: web/dist (if stale) and dist/"
npx tsx scripts/build-web.ts
npm run --silent build:server

work=$(mktemp -d "${TMPDIR:-/tmp}/lianfang-runtime-XXXXXX")
db="lianfang_runtime_$$"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  psql "$base_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== the runtime stage's files, as its COPY lines name them"
# Prints "<source in the repo> <destination under /app>" for each COPY of the runtime stage.
node - "$repo/Dockerfile" > "$work/.copies" <<'JS'
const lines = require('fs').readFileSync(process.argv[2], 'utf8').split('\n');
let stage = '';
for (const line of lines) {
  const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
  if (from) stage = from[1];
  if (stage !== 'runtime' || !/^COPY\s/i.test(line)) continue;
  const words = line.trim().split(/\s+/).slice(1);
  const built = words[0] === '--from=build';
  const args = words.filter((w) => !w.startsWith('--'));
  const dest = args.pop();
  for (const src of args) {
    const path = built ? src.replace(/^\/app\//, '') : src;
    const target = dest.endsWith('/') ? dest + path.split('/').pop() : dest === './' ? path : dest;
    console.log(`${path} ${target.replace(/^\.\//, '')}`);
  }
}
JS
[ -s "$work/.copies" ] || { echo "no COPY lines found in the Dockerfile's runtime stage" >&2; exit 1; }
image="$work/app"
mkdir -p "$image"
while read -r src dest; do
  echo "   $src -> /app/$dest"
  mkdir -p "$(dirname "$image/$dest")"
  cp -r "$repo/$src" "$image/$dest"
done < "$work/.copies"

echo "== npm ci --omit=dev"
(cd "$image" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
for tool in tsx vite typescript vitest drizzle-kit; do
  if [ -e "$image/node_modules/$tool" ]; then echo "FAIL: $tool is installed in the runtime image" >&2; exit 1; fi
done
echo "   $(du -sh "$image/node_modules" | cut -f1) in node_modules; no tsx, vite, typescript, vitest or drizzle-kit"

healthcheck=$(node -e '
  const m = /^HEALTHCHECK[^\n]*\\\n\s*CMD\s+(\[.*\])/m.exec(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!m) process.exit(1);
  console.log(JSON.parse(m[1]).slice(2)[0]);
' "$repo/Dockerfile")

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
check_server() {
  local what=$1
  for _ in $(seq 1 120); do
    if PORT=$port node -e "$healthcheck"; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "FAIL ($what): the server exited"; cat "$work/server.log"; exit 1; }
    sleep 0.5
  done
  PORT=$port node -e "$healthcheck" || { echo "FAIL ($what): the HEALTHCHECK command never passed"; cat "$work/server.log"; exit 1; }
  node - "$port" "$what" <<'JS'
const [port, what] = process.argv.slice(2);
const url = `http://127.0.0.1:${port}`;
(async () => {
  const fail = (m) => { console.error(`FAIL (${what}): ${m}`); process.exit(1); };
  const page = await fetch(`${url}/login`);
  if (page.status !== 200 || !(await page.text()).includes('<html')) fail(`the web app: ${page.status}`);
  const docs = await fetch(`${url}/api/docs`);
  if (docs.status !== 200) fail(`/api/docs: ${docs.status}`);
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'commander', password: 'lianfang-demo' }) });
  if (login.status !== 200) fail(`login: ${login.status} ${await login.text()}`);
  const ready = await (await fetch(`${url}/readyz`)).json();
  console.log(`   ${what}: /readyz ${ready.status}, web app, /api/docs and a login answered`);
})().catch((e) => fail(e.message));
JS
  kill "$server_pid"; wait "$server_pid" || true; server_pid=""
  # The image's npm ci ran the postinstall patch: the server would say at start if the driver lacked it.
  if grep -q "database driver lacks" "$work/server.log"; then echo "FAIL ($what): the PostgreSQL driver is not patched"; cat "$work/server.log"; exit 1; fi
}

echo "== node dist/db/migrate.js, then node dist/server.js on PostgreSQL (MIGRATE=false, NODE_ENV=production)"
psql "$base_url" -qc "CREATE DATABASE $db" >/dev/null
db_url=$(node -e 'const u=new URL(process.argv[1]); u.pathname="/"+process.argv[2]; console.log(u.href)' "$base_url" "$db")
(cd "$image" && DATABASE_URL=$db_url LOG_LEVEL=warn node dist/db/migrate.js)
(cd "$image" && exec env NODE_ENV=production MIGRATE=false SEED_DEMO=true ALLOW_DEMO_LOGIN=true DATABASE_URL="$db_url" PUBLIC_URL="http://127.0.0.1:$port" \
  HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warn node dist/server.js) > "$work/server.log" 2>&1 &
server_pid=$!
check_server postgres

echo "== node dist/server.js on embedded PGlite"
(cd "$image" && exec env -u DATABASE_URL NODE_ENV=production SEED_DEMO=true ALLOW_DEMO_LOGIN=true DATA_DIR="$work/data" PUBLIC_URL="http://127.0.0.1:$port" \
  HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warn node dist/server.js) > "$work/server.log" 2>&1 &
server_pid=$!
check_server pglite

echo "runtime image contents: OK"
