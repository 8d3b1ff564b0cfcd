# ConcurrencyService: the API with its embedded worker host, in one image.
#   docker build -t concurrencyservice .
#   docker run -p 8080:8080 concurrencyservice        # Swagger UI: http://localhost:8080/swagger
#   docker compose up --build                          # Redis and two nodes (compose.yaml; docs/scale-out.md)
# Plugins (docs/plugins.md, "Deploying plugins"): mount a plugin's build folder and name it, e.g.
#   docker run -v $PWD/Acme.Workloads/bin/Release/net10.0:/plugins/acme:ro -e Workloads__Plugins__0=/plugins/acme …
# or derive an image: FROM concurrencyservice / COPY <build folder> /plugins/acme/ / ENV Workloads__Plugins__0=/plugins/acme.
# Plugins run in the framework-dependent worker that this publish puts next to the worker host (the lean one is trimmed).
# The publish steps below are run by tests/ConcurrencyService.Api.Tests (DockerfileTests) on every CI run,
# since the build machines have no Docker engine.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the package layer is cached across source edits.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Sdk/ConcurrencyService.Workloads.csproj src/Sdk/
COPY src/Plugins/ConcurrencyService.Workloads.Plugins.csproj src/Plugins/
COPY src/Workloads/ConcurrencyService.Workloads.Runtime.csproj src/Workloads/
COPY src/Worker/ConcurrencyService.Worker.csproj src/Worker/
COPY src/WorkerHost/ConcurrencyService.WorkerHost.csproj src/WorkerHost/
COPY src/Core/ConcurrencyService.Core.csproj src/Core/
COPY src/Experiments/ConcurrencyService.Experiments.csproj src/Experiments/
COPY src/Api/ConcurrencyService.Api.csproj src/Api/
RUN dotnet restore src/Api/ConcurrencyService.Api.csproj
COPY src/ src/
# The API's publish output carries the worker host and its worker (output-only project references) next to it. The lean worker is precompiled for
# x86-64-v3 (AVX2), which most servers have, not for whichever CPU builds the image (docs/performance.md, "Precompiled for the building CPU").
RUN dotnet publish src/Api/ConcurrencyService.Api.csproj -c Release --no-restore -p:LeanWorkerInstructionSet=x86-64-v3 -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# A font for the charts' text (ScottPlot draws SVG and PNG with it); the runtime image has none.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
# The image's built-in non-root user; the worker host and its workers run as it too.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServer=0
# Port 8080: the REST API, Swagger UI at /swagger, health at /health/live and /health/ready.
EXPOSE 8080
# Ready = the API answers and its worker host is connected. bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ConcurrencyService.Api.dll"]
