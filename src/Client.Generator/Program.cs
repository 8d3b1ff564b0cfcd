using ConcurrencyService.Client.Generator;

// Usage: dotnet run --project src/Client.Generator -- <openapi.json> <output.cs>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: ConcurrencyService.Client.Generator <openapi.json> <output.cs>");
    return 2;
}

var code = await ClientGenerator.GenerateAsync(await File.ReadAllTextAsync(args[0]));
await File.WriteAllTextAsync(args[1], code);
Console.WriteLine($"Wrote {args[1]} from {args[0]}.");
return 0;
