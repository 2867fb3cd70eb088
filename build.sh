#!/usr/bin/env bash
# FlowGov's one entry point for a fresh machine.
#   ./build.sh run    publish (ReadyToRun, when sources changed) and start the FlowGov server on
#                     http://127.0.0.1:5080 (first start seeds a sample district and demo accounts)
#   ./build.sh test   install what the tests need, build, run every test suite, print one summary line
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_apt() {
  # Installs Debian packages the tests use, only when missing (CI runs as root on a fresh clone).
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} …"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

build_web_app() {
  # The browser app (designer/), rebuilt only when its sources changed since the last build.
  local stamp=designer/dist/index.html
  if [ ! -d designer/node_modules ] || [ designer/package-lock.json -nt designer/node_modules/.package-lock.json ]; then
    (cd designer && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ ! -f "$stamp" ] || [ -n "$(find designer/src designer/index.html designer/package.json designer/vite.config.ts -newer "$stamp" -print -quit)" ]; then
    (cd designer && npm run build --silent)
  fi
}

cmd_test() {
  # Chromium and a CJK font for the browser tests (the UI is Chinese), PostgreSQL for the store suites.
  need_apt postgresql sqlite3 docker-compose chromium fonts-wqy-microhei
  # No Docker engine here: Compose v1 still validates the file's syntax and references.
  docker-compose -f docker-compose.yml config -q
  dotnet restore FlowGov.sln --nologo -v q
  dotnet build FlowGov.sln --no-restore -c Release --nologo -v q -clp:ErrorsOnly
  build_web_app
  local results; results=$(mktemp -d)
  local status=0
  echo "== designer (vitest)"
  (cd designer && npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json") || status=1
  for proj in tests/*/*.Tests.csproj; do
    local name; name=$(basename "$proj" .csproj)
    echo "== $name"
    dotnet test "$proj" --no-build -c Release --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 30m -- RunConfiguration.TreatNoTestsAsError=true || status=1
  done
  local passed=0 failed=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    local counters; counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    local p f e
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  done
  if [ -f "$results/vitest.json" ]; then
    local vp vf
    vp=$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests)' "$results/vitest.json")
    vf=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests)' "$results/vitest.json")
    passed=$((passed + vp)); failed=$((failed + vf))
  else
    failed=$((failed + 1))
  fi
  rm -rf "$results"
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  echo "$passed passed, $failed failed"
  return $status
}

publish_server() {
  # The server published ReadyToRun (precompiled: cold start without JIT-compiling ASP.NET Core and
  # EF Core) into artifacts/server, again only when a source or project file is newer than it.
  local out=artifacts/server stamp=artifacts/server/FlowGov.Server.dll rid
  case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  if [ ! -f "$stamp" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props global.json \
      -path '*/bin' -prune -o -path '*/obj' -prune -o -type f -newer "$stamp" -print -quit)" ]; then
    echo "Publishing the server (ReadyToRun, $rid) to $out …"
    dotnet publish src/FlowGov.Server -c Release -r "$rid" --self-contained false \
      -p:PublishReadyToRun=true -o "$out" --nologo -v q -clp:ErrorsOnly
    touch "$stamp"
  fi
}

cmd_run() {
  # The server on http://127.0.0.1:5080 (ASPNETCORE_URLS overrides) with its data in ./data; it prints the demo accounts.
  # (The command-line demo of the engine alone: dotnet run --project src/FlowGov.Cli -- demo)
  build_web_app
  publish_server
  export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
  echo "FlowGov server: artifacts/server/FlowGov.Server.dll (ReadyToRun) on $ASPNETCORE_URLS, data in ${FlowGov__DataDirectory:-./data}"
  # The content root is the published folder (its appsettings.json); the working directory stays
  # here, so ./data, workflows/ and designer/dist are found as before.
  exec dotnet artifacts/server/FlowGov.Server.dll --contentRoot "$PWD/artifacts/server" --urls "$ASPNETCORE_URLS" "${@}"
}

case "${1:-}" in
  test) shift; cmd_test "$@" ;;
  run) shift; cmd_run "$@" ;;
  *) echo "usage: ./build.sh run | test" >&2; exit 2 ;;
esac
