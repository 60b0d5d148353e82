#!/usr/bin/env bash
# Real-browser check of the web sample's dashboard: builds and starts samples/Lodestar.Samples.WebHost
# on a free loopback port, waits until /health answers, runs dashboard.mjs in headless Chromium
# (/usr/bin/chromium, Debian's package) and stops the server in every case. The screenshot and the
# server's log are left in tests/e2e/artifacts/. Needs: the .NET SDK, node, /usr/bin/chromium and
# `npm ci` run in this folder (.ci/run does all of that on a bare machine).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
artifacts="$here/artifacts"
work="$(mktemp -d)"
server_pid=""

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "e2e: ${CHROMIUM:-/usr/bin/chromium} is missing; install Debian's chromium package (apt-get install -y chromium)." >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "e2e: playwright-core is not installed; run 'npm ci' in tests/e2e." >&2
  exit 1
fi

rm -rf "$artifacts"
mkdir -p "$artifacts"

dotnet build "$root/samples/Lodestar.Samples.WebHost/Lodestar.Samples.WebHost.csproj" -warnaserror --nologo -v quiet
dll="$root/samples/Lodestar.Samples.WebHost/bin/Debug/net10.0/Lodestar.Samples.WebHost.dll"

# Port 0: the server picks a free port and prints "Lodestar dashboard: http://127.0.0.1:<port>/".
dotnet "$dll" --port 0 "--Lodestar:Sqlite:DataDirectory=$work/data" >"$artifacts/server.log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 1 120); do
  url="$(sed -n 's|^Lodestar dashboard: \(http://127\.0\.0\.1:[0-9][0-9]*\)/*$|\1|p' "$artifacts/server.log" | head -n 1)"
  if [ -n "$url" ]; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: the web sample exited before listening:" >&2
    cat "$artifacts/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
if [ -z "$url" ]; then
  echo "e2e: the web sample printed no address within 60 s:" >&2
  cat "$artifacts/server.log" >&2
  exit 1
fi

# Bounded wait until /health answers (200 healthy or 503 unhealthy both mean the server is up).
node --input-type=module -e '
  const url = process.argv[1] + "/health";
  for (let attempt = 1; attempt <= 60; attempt++) {
    try {
      const response = await fetch(url);
      if (response.status === 200 || response.status === 503) process.exit(0);
    } catch { /* not listening yet */ }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  console.error("e2e: " + url + " did not answer within 30 s");
  process.exit(1);
' "$url"

echo "e2e: web sample at $url"
node "$here/dashboard.mjs" "$url/" "$artifacts"
