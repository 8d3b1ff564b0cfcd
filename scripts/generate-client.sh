#!/usr/bin/env bash
# Regenerates the API contract and the client SDK's Refit interface from it, in one command:
#   1. src/Client/openapi.json — the OpenAPI document, exported from the API's build by Swashbuckle's CLI
#      (the local tool in .config/dotnet-tools.json);
#   2. src/Client/Generated/IConcurrencyServiceApi.g.cs — the Refit interface and its DTOs, generated from that
#      document by src/Client.Generator (NSwag's C# generator with the templates in src/Client.Generator/Templates).
# Run it after changing the API; commit both files. The client's ContractTests fail while either is out of date.
# Needs only the .NET SDK (no Node.js, no running server).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore
# The same build ./test.sh makes, so the suite that follows finds it up to date.
dotnet build src/Api -c Release -p:LeanWorkerInstructionSet=x86-64-v3
dotnet swagger tofile --output src/Client/openapi.json src/Api/bin/Release/net10.0/ConcurrencyService.Api.dll v1
dotnet run --project src/Client.Generator -c Release -- src/Client/openapi.json src/Client/Generated/IConcurrencyServiceApi.g.cs
git status --short src/Client/openapi.json src/Client/Generated
