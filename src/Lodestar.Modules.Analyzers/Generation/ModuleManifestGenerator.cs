using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Generates, for an assembly that declares modules, each module's manifest (the data the runtime
/// otherwise reads by reflection), registers the manifests with the runtime when the assembly loads,
/// and adds a <c>builder.AddModulesFrom&lt;Assembly&gt;()</c> registration method.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModuleManifestGenerator : IIncrementalGenerator
{
    private static readonly string Version = typeof(ModuleManifestGenerator).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var modules = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.ModuleAttributeMetadataName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellationToken) => ModuleModelReader.Read(attributeContext.TargetSymbol, attributeContext.SemanticModel.Compilation, cancellationToken))
            .Where(static module => module is not null)
            .Select(static (module, _) => module!)
            .WithTrackingName(TrackingNames.Modules);

        var facts = context.CompilationProvider
            .Select(static (compilation, _) => CompilationFacts.From(compilation))
            .WithTrackingName(TrackingNames.Compilation);

        var generation = modules
            .Collect()
            .Combine(facts)
            .Select(static (pair, _) => GenerationModel.Create(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Generation);

        context.RegisterSourceOutput(generation, static (output, model) =>
        {
            // Generated code needs the runtime's registry and [ModuleInitializer]; a compilation
            // without them (not on the SDK, or not on .NET 5+) gets nothing.
            if (model.Modules.Count > 0 && model.Facts.CanRegisterManifests)
            {
                output.AddSource(ManifestSourceWriter.HintName, ManifestSourceWriter.Write(model, Version));
            }
        });
    }
}
