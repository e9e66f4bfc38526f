<#
.SYNOPSIS
    The one entry point of ScalingPS: Build, Test, Demo, Bench, Help.
.DESCRIPTION
    Build  publishes the cmdlets and lays out out/ScalingPS, exactly the folder Import-Module loads.
    Test   builds, runs xUnit and then Pester against out/ScalingPS, and ends with "N passed, N failed".
    Demo   runs the showcase (examples/Demo.ps1) and writes CSVs and PNGs to out/demo.
    Bench  runs the benchmarks in bench/ and prints their ratios.
    Help   lists the tasks.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Help')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    # Passed to the bench program (e.g. 'sgd' or 'ode') to run one benchmark only.
    [string[]] $BenchArgs = @()
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'ScalingPS'

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
    $publish = Join-Path $out 'publish'
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ScalingPS/ScalingPS.csproj'), '-c', $Configuration,
        '-r', 'linux-x64', '--self-contained', 'false', '-o', $publish, '--nologo', '-v', 'quiet')
    # Lay out the module folder afresh so nothing stale is loaded; the PowerShell engine itself is never shipped.
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $moduleOut, (Join-Path $moduleOut 'en-US')
    Get-ChildItem $publish -File |
        Where-Object { $_.Name -notmatch '^(System\.Management\.Automation|Microsoft\.PowerShell\.|Microsoft\.Management\.Infrastructure)' -and $_.Extension -in '.dll', '.so', '.json' } |
        Copy-Item -Destination $moduleOut
    Copy-Item (Join-Path $root 'module/ScalingPS.psd1') $moduleOut
    Merge-FormatFiles (Join-Path $root 'module/formats') (Join-Path $moduleOut 'ScalingPS.format.ps1xml')
    Copy-Item (Join-Path $root 'module/en-US/*') (Join-Path $moduleOut 'en-US')
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build/New-MamlHelp.ps1'),
        '-ModulePath', $moduleOut, '-HelpSource', (Join-Path $root 'module/help'),
        '-OutFile', (Join-Path $moduleOut 'en-US/ScalingPS.dll-Help.xml'))
    Write-Host "Built module: $moduleOut"
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
        Invoke-Native dotnet (@('run', '-c', 'Release', '--project', (Join-Path $root 'bench/ScalingPS.Bench/ScalingPS.Bench.csproj'), '--') + $BenchArgs)
        # The sweep's end-to-end cost needs PowerShell and the built module: run it with the sweep bench (or all).
        $names = @($BenchArgs | ForEach-Object { $_ -split ',' } | ForEach-Object Trim)
        if ($names.Count -eq 0 -or $names -contains 'sweep') {
            Invoke-Build
            Write-Host '== sweep end to end: Invoke-ScalingSweep against plain calls of the same tasks'
            Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'bench/Sweep-Overhead.ps1'), '-ModulePath', $moduleOut)
        }
    }
}
