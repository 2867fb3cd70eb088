# FlowGov server image. Build: docker build -t flowgov .   Run: docker run -p 8080:8080 -v flowgov-data:/data flowgov
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/FlowGov.Server/FlowGov.Server.csproj -c Release -o /app --nologo \
 && mkdir -p /app/workflows && (cp -r workflows/. /app/workflows/ 2>/dev/null || true)

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    FlowGov__DataDirectory=/data \
    FlowGov__WorkflowsDirectory=/app/workflows
VOLUME ["/data"]
EXPOSE 8080
# Probes: GET /healthz (live) and GET /readyz (store reachable, start-up done); the aspnet image has no curl,
# so let the orchestrator probe over HTTP.
ENTRYPOINT ["dotnet", "FlowGov.Server.dll"]
