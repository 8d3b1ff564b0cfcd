using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;

namespace ConcurrencyService.Workloads;

/// <summary>
/// Compile-time JSON metadata for what a worker reads and writes per task (each workload's piece and output) and for
/// the protocol's JSON frames. Without it, System.Text.Json builds that metadata by reflection and emits accessors on
/// first use, which cost a fresh worker process ~60 ms before its first result (measured in spawn mode). Anything not
/// listed falls back to reflection, except in the trimmed worker, which has none: there it fails loudly.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CountdownWorkload.Piece), TypeInfoPropertyName = "CountdownPiece")]
[JsonSerializable(typeof(CountdownWorkload.Output), TypeInfoPropertyName = "CountdownOutput")]
[JsonSerializable(typeof(FileWorkload.Piece), TypeInfoPropertyName = "FilePiece")]
[JsonSerializable(typeof(FileWorkload.Output), TypeInfoPropertyName = "FileOutput")]
[JsonSerializable(typeof(HttpWorkload.Piece), TypeInfoPropertyName = "HttpPiece")]
[JsonSerializable(typeof(HttpWorkload.Output), TypeInfoPropertyName = "HttpOutput")]
[JsonSerializable(typeof(MixedWorkload.Piece), TypeInfoPropertyName = "MixedPiece")]
[JsonSerializable(typeof(MixedWorkload.Output), TypeInfoPropertyName = "MixedOutput")]
[JsonSerializable(typeof(MonteCarloWorkload.Piece), TypeInfoPropertyName = "MonteCarloPiece")]
[JsonSerializable(typeof(MonteCarloWorkload.Output), TypeInfoPropertyName = "MonteCarloOutput")]
[JsonSerializable(typeof(PrimesWorkload.Piece), TypeInfoPropertyName = "PrimesPiece")]
[JsonSerializable(typeof(PrimesWorkload.Output), TypeInfoPropertyName = "PrimesOutput")]
[JsonSerializable(typeof(SleepWorkload.Piece), TypeInfoPropertyName = "SleepPiece")]
[JsonSerializable(typeof(SleepWorkload.Output), TypeInfoPropertyName = "SleepOutput")]
[JsonSerializable(typeof(SqrtWorkload.Piece), TypeInfoPropertyName = "SqrtPiece")]
[JsonSerializable(typeof(SqrtWorkload.Output), TypeInfoPropertyName = "SqrtOutput")]
[JsonSerializable(typeof(SquaresWorkload.Piece), TypeInfoPropertyName = "SquaresPiece")]
[JsonSerializable(typeof(SquaresWorkload.Output), TypeInfoPropertyName = "SquaresOutput")]
[JsonSerializable(typeof(CrashWorkload.Args), TypeInfoPropertyName = "CrashArgs")]
[JsonSerializable(typeof(CrashWorkload.Output), TypeInfoPropertyName = "CrashOutput")]
[JsonSerializable(typeof(HangWorkload.Args), TypeInfoPropertyName = "HangArgs")]
[JsonSerializable(typeof(HangWorkload.Output), TypeInfoPropertyName = "HangOutput")]
[JsonSerializable(typeof(Protocol.HostHello))]
[JsonSerializable(typeof(Protocol.DescribeRequest))]
[JsonSerializable(typeof(Protocol.PoolStateMessage))]
internal sealed partial class WorkloadJsonContext : JsonSerializerContext;
