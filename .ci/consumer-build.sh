#!/usr/bin/env bash
# A module author's build, against the packed package: packs Lodestar.Results and Lodestar.Modules
# into a temporary folder feed, then builds fresh projects that reference only Lodestar.Modules.
#   (a) a module class without [Module] must fail the build with LODE001;
#   (b) correct modules must build with zero warnings (-warnaserror) and run through the generated
#       AddModulesFromConsumer_App() registration, with manifests registered by the generated code.
# Run from anywhere: bash .ci/consumer-build.sh. Needs only the .NET SDK; exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
# A version of its own and a package cache of its own: a stale Lodestar.Modules is never restored.
version="0.1.0-consumer.$(date +%s)"
export NUGET_PACKAGES="$work/packages"

echo "consumer build: packing Lodestar.Results and Lodestar.Modules $version"
dotnet pack src/Lodestar.Results -c Debug --output "$feed" -p:PackageVersion="$version" --nologo -v quiet
dotnet pack src/Lodestar.Modules -c Debug --output "$feed" -p:PackageVersion="$version" --nologo -v quiet

# Adds the folder feed next to the machine's own package source (no <clear/>: Microsoft.Extensions.*
# still come from there).
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="lodestar-consumer-build" value="$feed" />
  </packageSources>
</configuration>
XML

new_project() {
  mkdir -p "$work/$1"
  cat > "$work/$1/Consumer.App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <AssemblyName>Consumer.App</AssemblyName>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Lodestar.Modules" Version="$version" />
  </ItemGroup>
</Project>
XML
}

# (a) A module without [Module] fails the build with LODE001.
new_project missing-attribute
cat > "$work/missing-attribute/Program.cs" <<'CS'
using Lodestar.Modules;

Console.WriteLine(typeof(ForgottenModule).Name);

public sealed class ForgottenModule : LodestarModule
{
}
CS
set +e
dotnet build "$work/missing-attribute" --nologo > "$work/missing-attribute.log" 2>&1
status=$?
set -e
if [ "$status" -eq 0 ] || ! grep -q "error LODE001" "$work/missing-attribute.log"; then
  cat "$work/missing-attribute.log"
  echo "consumer build: FAILED, a module without [Module] did not fail the build with LODE001 (exit $status)"
  exit 1
fi
echo "consumer build: a module without [Module] fails the build with LODE001"

# (b) Correct modules build without a warning and run through the generated registration.
new_project correct
cat > "$work/correct/Modules.cs" <<'CS'
using Lodestar.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Consumer.App;

[Module("greeter", "1.0.0", Description = "Says hello")]
public sealed class GreeterModule : LodestarModule
{
    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Manifest);
}

[Module("audit", "1.1.0", Description = "Audits greetings")]
[DependsOn("greeter")]
[Capability("greeting-log", Requires = ["greeter"])]
internal sealed class AuditModule : LodestarModule
{
    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Manifest);
}
CS
cat > "$work/correct/Program.cs" <<'CS'
using Consumer.App;
using Lodestar.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddLodestarModulesCore(new ConfigurationBuilder().Build()).AddModulesFromConsumer_App();

foreach (var descriptor in services.Where(d => d.ServiceType == typeof(ModuleManifest)))
{
    Console.WriteLine($"registered {descriptor.ImplementationInstance}");
}

Console.WriteLine($"generated manifest registered: {GeneratedModuleManifests.TryGet(typeof(GreeterModule), out _)}");
CS
if ! dotnet build "$work/correct" -warnaserror --nologo > "$work/correct.log" 2>&1 || ! grep -q " 0 Warning(s)" "$work/correct.log"; then
  cat "$work/correct.log"
  echo "consumer build: FAILED, correct modules did not build cleanly with -warnaserror"
  exit 1
fi
output=$(dotnet run --project "$work/correct" --no-build)
echo "$output"
for expected in "registered greeter@1.0.0" "registered audit@1.1.0" "generated manifest registered: True"; do
  if ! grep -qxF "$expected" <<<"$output"; then
    echo "consumer build: FAILED, the program did not print '$expected'"
    exit 1
  fi
done
echo "consumer build: correct modules build with 0 warnings and run through the generated registration"
