# Dot-sourced by every test file: imports the built module (out/ScalingPS, or $env:SCALINGPS_MODULE).
$script:ModulePath = if ($env:SCALINGPS_MODULE) { $env:SCALINGPS_MODULE } else { Join-Path $PSScriptRoot '../../out/ScalingPS' }
$script:ModulePath = (Resolve-Path $script:ModulePath).Path
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module $script:ModulePath -Force
