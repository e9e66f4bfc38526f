<#
.SYNOPSIS
    The one entry point of ScalingPS: Build, Test, Demo, Bench, Help.
.DESCRIPTION
    Build   publishes the cmdlets and lays out out/ScalingPS, exactly the folder Import-Module loads and
            Install-PSResource installs: one folder for every platform (see docs/installation.md).
    Package builds, then makes the .nupkg that Publish-PSResource publishes, into out/.
    Test   builds, runs xUnit and then Pester against out/ScalingPS, and ends with "N passed, N failed".
    Demo   runs the showcase (examples/Demo.ps1) and writes CSVs and PNGs to out/demo.
    Bench  runs the benchmarks in bench/ and prints their ratios.
    Help   lists the tasks.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Help')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    # Passed to the bench program (e.g. 'sgd' or 'ode') to run one benchmark only; 'first-call' runs bench/FirstCall.ps1.
    [string[]] $BenchArgs = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'ScalingPS'
. (Join-Path $root 'build/ModulePackaging.ps1')

function Invoke-Native([string] $exe, [string[]] $arguments) {
    & $exe @arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-NuGetRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = (& dotnet nuget locals global-packages --list) -join "`n"
    ($line -replace '^.*?global-packages:\s*', '').Trim()
}

function Invoke-Build {
    # A portable publish (no runtime identifier): managed code for every platform, and every native library the
    # packages carry under runtimes/<rid>/native; only the platforms the module serves are kept below.
    $publish = Join-Path $out 'publish'
    if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ScalingPS/ScalingPS.csproj'), '-c', $Configuration,
        '-o', $publish, '--nologo', '-v', 'quiet')
    # Lay out the module folder afresh so nothing stale is loaded; the PowerShell engine itself is never shipped.
    # Only the cmdlet assembly and its loader sit at the top; the engine and third-party libraries go to dependencies/, where
    # PowerShell does not look and the module's own load context does (src/ScalingPS/Loading).
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = Join-Path $moduleOut 'dependencies'
    $null = New-Item -ItemType Directory -Force $moduleOut, (Join-Path $moduleOut 'en-US'), $dependencies
    $front = 'ScalingPS.dll', 'ScalingPS.Loader.dll'
    Copy-Item ($front | ForEach-Object { Join-Path $publish $_ }) $moduleOut
    Get-ChildItem $publish -File -Filter '*.dll' |
        Where-Object { $_.Name -notin $front -and $_.Name -notmatch '^(System\.Management\.Automation|Microsoft\.PowerShell\.|Microsoft\.Management\.Infrastructure)' } |
        Copy-Item -Destination $dependencies
    foreach ($folder in $ScalingPSPlatforms.Values | Select-Object -Unique) {
        $natives = Join-Path $publish "runtimes/$folder/native"
        if (-not (Test-Path $natives)) { throw "The publish has no native libraries for $folder ($natives)." }
        $target = Join-Path $dependencies "runtimes/$folder/native"
        $null = New-Item -ItemType Directory -Force $target
        Copy-Item (Join-Path $natives '*') $target
    }
    Add-ReadyToRunCode $dependencies
    $version = Get-ScalingPSVersion $root
    Write-ScalingPSManifest -Source (Join-Path $root 'module/ScalingPS.psd1') -Destination (Join-Path $moduleOut 'ScalingPS.psd1') `
        -Version $version -ReleaseNotes (Get-ReleaseNote (Join-Path $root 'CHANGELOG.md') $version)
    Copy-Item (Join-Path $root 'LICENSE') $moduleOut
    # The user documentation travels with the module, so the help's pointers into docs/ resolve offline.
    $null = New-Item -ItemType Directory -Force (Join-Path $moduleOut 'docs')
    Copy-Item (Join-Path $root 'docs/*.md') (Join-Path $moduleOut 'docs')
    Write-ThirdPartyNotices (Join-Path $moduleOut 'THIRD-PARTY-NOTICES.txt')
    Merge-FormatFiles (Join-Path $root 'module/formats') (Join-Path $moduleOut 'ScalingPS.format.ps1xml')
    Copy-Item (Join-Path $root 'module/en-US/*') (Join-Path $moduleOut 'en-US')
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build/New-MamlHelp.ps1'),
        '-ModulePath', $moduleOut, '-HelpSource', (Join-Path $root 'module/help'),
        '-OutFile', (Join-Path $moduleOut 'en-US/ScalingPS.dll-Help.xml'))
    $problems = Test-ScalingPSModuleFolder $moduleOut
    if ($problems.Count -gt 0) { throw "The module folder is not fit to publish: $($problems -join '; ')." }
    Write-Host ("Built module {0} {1}: {2:N1} MB for {3}" -f $version, $moduleOut, ((Get-FolderSize $moduleOut) / 1MB), ($ScalingPSPlatforms.Keys -join ', '))
}

function Add-ReadyToRunCode([string] $dependencies) {
    # The first call in a fresh session should run at full speed: the cmdlets, the engine and its numeric libraries
    # are replaced by ReadyToRun builds of the same assemblies (IL plus precompiled linux-x64 code). ReadyToRun code
    # is for one platform only; elsewhere the runtime ignores it and compiles the IL as before, so the folder stays
    # portable. Measured: median first/warm CPU time per Invoke-CommitteeSgd call 1.17 against 1.60 without
    # (bench/FirstCall.ps1). The plotting libraries are not on any simulation path and stay as they ship.
    $r2r = Join-Path $out 'publish-r2r'
    if (Test-Path $r2r) { Remove-Item $r2r -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ScalingPS/ScalingPS.csproj'), '-c', $Configuration,
        '-r', 'linux-x64', '--self-contained', 'false', '-p:PublishReadyToRun=true', '-o', $r2r, '--nologo', '-v', 'quiet')
    Copy-Item (Join-Path $r2r 'ScalingPS.dll') $moduleOut -Force
    foreach ($name in 'ScalingPS.Core.dll', 'MathNet.Numerics.dll', 'System.Numerics.Tensors.dll') {
        Copy-Item (Join-Path $r2r $name) $dependencies -Force
    }
}

function Write-ThirdPartyNotices([string] $target) {
    # The repository's notices, then every notice file the shipped packages carry (the native Skia and HarfBuzz
    # libraries bundle libpng, zlib, FreeType, … whose notices must travel with them), each distinct text once.
    $text = [System.Text.StringBuilder]::new((Get-Content (Join-Path $root 'THIRD-PARTY-NOTICES.txt') -Raw))
    $assets = Get-Content (Join-Path $root 'src/ScalingPS/obj/project.assets.json') -Raw | ConvertFrom-Json -AsHashtable
    $packageRoot = @($assets.packageFolders.Keys)[0]
    $seen = @{}
    foreach ($name in $assets.libraries.Keys | Sort-Object) {
        $library = $assets.libraries[$name]
        if ($library.type -ne 'package') { continue }
        $notice = @($library.files) | Where-Object { $_ -match '^THIRD-PARTY-NOTICES\.txt$' } | Select-Object -First 1
        if (-not $notice) { continue }
        $body = Get-Content (Join-Path $packageRoot $library.path $notice) -Raw
        $hash = [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($body)))
        if ($seen.ContainsKey($hash)) { $seen[$hash] += ", $name"; continue }
        $seen[$hash] = $name
        $null = $text.Append("`n`n==== Notices shipped with $name ====`n`n").Append($body)
    }
    [System.IO.File]::WriteAllText($target, $text.ToString(), [System.Text.UTF8Encoding]::new($false))
}

function Invoke-Package {
    Invoke-Build
    $repository = Join-Path $out 'repository'
    if (Test-Path $repository) { Remove-Item $repository -Recurse -Force }
    $nupkg = Publish-ScalingPSPackage -ModulePath $moduleOut -Repository $repository
    Copy-Item $nupkg $out -Force
    Remove-Item $repository -Recurse -Force
    $file = Get-Item (Join-Path $out (Split-Path $nupkg -Leaf))
    Write-Host ("Package: {0} ({1:N1} MB; the module folder is {2:N1} MB unpacked)" -f $file.FullName, ($file.Length / 1MB), ((Get-FolderSize $moduleOut) / 1MB))
}

function Merge-FormatFiles([string] $folder, [string] $target) {
    $merged = [xml]'<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions /></Configuration>'
    $views = $merged.Configuration.SelectSingleNode('ViewDefinitions')
    foreach ($file in Get-ChildItem $folder -Filter '*.format.ps1xml' | Sort-Object Name) {
        $doc = [xml](Get-Content $file.FullName -Raw)
        foreach ($view in $doc.Configuration.ViewDefinitions.View) { $null = $views.AppendChild($merged.ImportNode($view, $true)) }
    }
    $merged.Save($target)
}

function Invoke-XUnit {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    & dotnet test (Join-Path $root 'tests/ScalingPS.Core.Tests/ScalingPS.Core.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
    $trx = Join-Path $results 'xunit.trx'
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } } # did not build or run
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted }
}

function Invoke-PesterTests {
    Invoke-Native dotnet @('restore', (Join-Path $root 'build/Tools.csproj'), '--nologo', '-v', 'quiet')
    $pester = Join-Path (Get-NuGetRoot) 'pester/5.7.1/tools/Pester.psd1'
    Import-Module $pester -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/pester'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = Join-Path $out 'test-results/pester.xml'
    $env:SCALINGPS_MODULE = $moduleOut
    $result = Invoke-Pester -Configuration $config
    [pscustomobject]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount + $result.SkippedCount }
}

switch ($Task) {
    'Help' { Get-Help $PSCommandPath -Detailed }
    'Build' { Invoke-Build }
    'Package' { Invoke-Package }
    'Test' {
        Invoke-Build
        $x = Invoke-XUnit
        $p = Invoke-PesterTests
        Write-Host ''
        Write-Host "xUnit: $($x.Passed) passed, $($x.Failed) failed; Pester: $($p.Passed) passed, $($p.Failed) failed"
        $passed = $x.Passed + $p.Passed
        $failed = $x.Failed + $p.Failed
        Write-Host "$passed passed, $failed failed"
        if ($failed -gt 0) { exit 1 }
    }
    'Demo' {
        Invoke-Build
        & (Join-Path $root 'examples/Demo.ps1') -OutputPath (Join-Path $out 'demo')
    }
    'Bench' {
        # 'first-call' is the PowerShell-level bench (fresh sessions against the built module); the rest are in bench/ScalingPS.Bench.
        $names = @($BenchArgs | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
        $engine = @($names | Where-Object { $_ -ne 'first-call' })
        if ($names.Count -eq 0 -or $engine.Count -gt 0) {
            Invoke-Native dotnet (@('run', '-c', 'Release', '--project', (Join-Path $root 'bench/ScalingPS.Bench/ScalingPS.Bench.csproj'), '--') + $engine)
        }
        if ($names.Count -eq 0 -or $names -contains 'first-call') {
            Invoke-Build
            # Two scenarios, each with rounds alternating between the module as built and the module without its warm-up at import:
            # the call right after import (a script, or autoloading) and 1.5 s after it (a user who imported and then typed).
            foreach ($pause in 0, 1500) {
                Write-Host "== first-call: Invoke-CommitteeSgd in fresh sessions, $pause ms after import, first call against warm calls (α = 40, 8 seeds), and import time"
                & (Join-Path $root 'bench/FirstCall.ps1') -Module (Join-Path $moduleOut 'ScalingPS.psd1') -Pause $pause -Compare 'SCALINGPS_WARMUP=0' | Out-Host
            }
        }
        # The sweep's end-to-end cost needs PowerShell and the built module: run it with the sweep bench (or all).
        if ($names.Count -eq 0 -or $names -contains 'sweep') {
            Invoke-Build
            Write-Host '== sweep end to end: Invoke-ScalingSweep against plain calls of the same tasks'
            Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'bench/Sweep-Overhead.ps1'), '-ModulePath', $moduleOut)
        }
    }
}
