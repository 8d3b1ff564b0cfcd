#!/usr/bin/env bash
# Regenerates the API contract and the C# client from it:
#   1. src/Client/openapi.json   — the OpenAPI document, exported from the API's build by Swashbuckle's CLI;
#   2. src/Client/Generated/*.g.cs — the client, generated from that document by NSwag (npm package, runs offline).
# Run it after changing the API; commit both files. The tests fail while either is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore
npm ci --no-audit --no-fund
dotnet build src/Api -c Release
dotnet swagger tofile --output src/Client/openapi.json src/Api/bin/Release/net10.0/ConcurrencyService.Api.dll v1
node_modules/.bin/nswag run src/Client/nswag.json
git status --short src/Client/openapi.json src/Client/Generated
