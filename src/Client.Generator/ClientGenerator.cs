using NJsonSchema;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace ConcurrencyService.Client.Generator;

/// <summary>
/// The Refit interface <c>IConcurrencyServiceApi</c> and its System.Text.Json DTOs, from the service's OpenAPI document.
/// NSwag reads the document and builds the DTOs; the templates in <c>Templates/</c> replace its client class with a
/// Refit interface (one method per operation, <c>IApiResponse&lt;T&gt;</c> where status or headers matter).
/// </summary>
public static class ClientGenerator
{
    /// <summary>The templates that ship next to the generator's assembly.</summary>
    public static string TemplateDirectory => Path.Combine(AppContext.BaseDirectory, "Templates");

    /// <summary>Generates the C# file for an OpenAPI document (JSON).</summary>
    /// <param name="openApiJson">The document.</param>
    /// <returns>The file's text, with LF line ends.</returns>
    public static async Task<string> GenerateAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(openApiJson);
        ReadNullableReferencesAsReferences(document);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "ConcurrencyServiceApi",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            ParameterNameGenerator = new CamelCaseParameterNameGenerator(),
            // Client.Class.liquid is overridden to write the Refit interface; NSwag's own interface is not needed.
            GenerateClientClasses = true,
            GenerateClientInterfaces = false,
            GenerateExceptionClasses = false,
            GenerateResponseClasses = false,
            GenerateOptionalParameters = true,
            GenerateDtoTypes = true,
            ParameterArrayType = "System.Collections.Generic.IEnumerable",
            ParameterDictionaryType = "System.Collections.Generic.IDictionary",
            ResponseArrayType = "System.Collections.Generic.IReadOnlyList",
            ResponseDictionaryType = "System.Collections.Generic.IDictionary",
            CSharpGeneratorSettings =
            {
                Namespace = "ConcurrencyService.Client",
                TemplateDirectory = TemplateDirectory,
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                JsonLibraryVersion = 10.0m,
                ClassStyle = CSharpClassStyle.Poco,
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
                UseRequiredKeyword = true,
                RequiredPropertiesMustBeDefined = true,
                GenerateDataAnnotations = false,
                GenerateDefaultValues = true,
                AnyType = "object",
                DateType = "System.DateTimeOffset",
                DateTimeType = "System.DateTimeOffset",
                ArrayType = "System.Collections.Generic.IReadOnlyList",
                ArrayInstanceType = "System.Collections.Generic.List",
                ArrayBaseType = "System.Collections.Generic.List",
                DictionaryType = "System.Collections.Generic.IDictionary",
                DictionaryInstanceType = "System.Collections.Generic.Dictionary",
                DictionaryBaseType = "System.Collections.Generic.Dictionary",
            },
        };

        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        return code.ReplaceLineEndings("\n");
    }

    /// <summary>
    /// OpenAPI 3.0 writes a nullable reference as <c>type</c> + <c>nullable</c> beside a one-schema <c>allOf</c> (a
    /// <c>$ref</c> cannot carry siblings, and <c>nullable</c> needs a <c>type</c>). NJsonSchema would read a typed
    /// <c>allOf</c> as an inline subclass and generate a new class per property, so the wrapper is read as the nullable
    /// reference it is.
    /// </summary>
    private static void ReadNullableReferencesAsReferences(OpenApiDocument document)
    {
        foreach (var property in document.Components.Schemas.Values.SelectMany(s => s.Properties.Values))
        {
            if (property.AllOf.Count == 1 && property.AllOf.Single().HasReference && property.Properties.Count == 0)
            {
                property.Type = JsonObjectType.None;
            }
        }
    }
}
