<#
.SYNOPSIS
    The ScalingPS showcase: run by `dotnet pwsh ./build.ps1 -Task Demo`; writes CSVs and PNGs to -OutputPath.
#>
param([string] $OutputPath = (Join-Path $PSScriptRoot '../out/demo'))
$ErrorActionPreference = 'Stop'
if (-not (Get-Module ScalingPS)) { Import-Module (Join-Path $PSScriptRoot '../out/ScalingPS') }
$null = New-Item -ItemType Directory -Force $OutputPath

Write-Host 'Committee spectra of Fig. 1 (N = 1024, beta = 1): nu2 grows in proportion to L' -ForegroundColor Cyan
$spectra = 1, 16, 256, 1024 | ForEach-Object { New-PowerLawSpectrum -N 1024 -L $_ -Beta 1 }
$spectra | Format-Table
$spectra | Select-Object Convention, Dimension, DistinctCount, Beta, Nu1, Nu2, LambdaMax, LambdaMin |
    Export-Csv (Join-Path $OutputPath 'spectra.csv') -NoTypeInformation
Write-Host "Wrote $(Join-Path $OutputPath 'spectra.csv')"
