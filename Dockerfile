# FlowGov server image. Build: docker build -t flowgov .   Run: docker run -p 8080:8080 -v flowgov-data:/data flowgov
# The browser app (designer/ → dist), built as ./build.sh does it.
FROM node:20-bookworm-slim AS web
WORKDIR /designer
COPY designer/package.json designer/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY designer/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun (precompiled), as ./build.sh run publishes it: the container starts without JIT-compiling
# ASP.NET Core and EF Core (cold start, docs/benchmarks.md). The runtime identifier follows the
# platform being built (BuildKit's TARGETARCH), so an arm64 image gets arm64 code.
ARG TARGETARCH
RUN case "${TARGETARCH:-$(uname -m)}" in arm64|aarch64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac \
 && dotnet publish src/FlowGov.Server/FlowGov.Server.csproj -c Release -r "$rid" --self-contained false \
      -p:PublishReadyToRun=true -o /app --nologo \
 && mkdir -p /app/workflows && (cp -r workflows/. /app/workflows/ 2>/dev/null || true)

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY --from=web /designer/dist ./wwwroot-app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    FlowGov__DataDirectory=/data \
    FlowGov__WorkflowsDirectory=/app/workflows \
    FlowGov__WebAppDirectory=/app/wwwroot-app
VOLUME ["/data"]
EXPOSE 8080
# Probes: GET /healthz (live) and GET /readyz (store reachable, start-up done); the aspnet image has no curl,
# so let the orchestrator probe over HTTP.
ENTRYPOINT ["dotnet", "FlowGov.Server.dll"]
