# Keeps the error catalogue in step with the code: every error id the module can raise must be described in
# docs/errors.md and listed in about_ScalingPS. Ids are found by scanning the source:
#   - the constants of src/ScalingPS/Infrastructure/Errors.cs (Diverged, MissingProperty, …);
#   - FitRefused.<Reason> for every member of the engine's FitRefusal enum;
#   - InvalidParameter.<Name> for every parameter name the engine or a cmdlet reports through ParameterException
#     (new ParameterException("Name", …), Check.*(…, "Name"), Errors.InvalidParameter(nameof(Name) | "Name", …)):
#     each <Name> must be a parameter of an exported cmdlet, since the id promises to name what the user typed.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $catalogue = Get-Content (Join-Path $RepoRoot 'docs/errors.md') -Raw
    $about = Get-Content (Join-Path $RepoRoot 'module/en-US/about_ScalingPS.help.txt') -Raw
    $sources = Get-ChildItem (Join-Path $RepoRoot 'src') -Recurse -Filter *.cs | Where-Object FullName -NotMatch '[\\/](obj|bin)[\\/]'
    $code = ($sources | ForEach-Object { Get-Content $_.FullName -Raw }) -join "`n"

    $errorsCs = Get-Content (Join-Path $RepoRoot 'src/ScalingPS/Infrastructure/Errors.cs') -Raw
    $Constants = [regex]::Matches($errorsCs, 'public const string (\w+) = "([^"]+)"') |
        ForEach-Object { $_.Groups[2].Value } | Where-Object { $_ -notmatch '\.$' }
    $fitRefusal = Get-Content (Join-Path $RepoRoot 'src/ScalingPS.Core/Analysis/FitRefusal.cs') -Raw
    $enumBody = [regex]::Match($fitRefusal, 'enum FitRefusal\s*\{(.*?)\}', 'Singleline').Groups[1].Value
    $FitIds = [regex]::Matches(($enumBody -replace '///.*', ''), '(\w+)\s*,?') | ForEach-Object { 'FitRefused.' + $_.Groups[1].Value }

    $patterns = @(
        'new ParameterException\(\s*"(\w+)"'
        'Check\.\w+\([^;]*?,\s*"(\w+)"\s*[,)]'
        'Errors\.InvalidParameter\(\s*nameof\((\w+)\)'
        'Errors\.InvalidParameter\(\s*"(\w+)"'
    )
    $ParameterNames = $patterns | ForEach-Object { [regex]::Matches($code, $_) | ForEach-Object { $_.Groups[1].Value } } | Sort-Object -Unique
    $cmdletParameters = Get-Command -Module ScalingPS -CommandType Cmdlet | ForEach-Object { $_.Parameters.Keys } | Sort-Object -Unique
    # Engine-internal checks that a cmdlet never reaches with a user value (documented here, not in the catalogue).
    $internal = @('Mode', 'Rate', 'MaxSteps', 'PointsPerDecade', 'DivergenceFactor')
}

Describe 'The error catalogue' {
    It 'found the ids to check' {
        $Constants.Count | Should -BeGreaterThan 4
        $FitIds.Count | Should -BeGreaterThan 3
        $ParameterNames.Count | Should -BeGreaterThan 30
    }

    It 'describes every error constant and FitRefused reason in docs/errors.md' {
        $missing = @($Constants + $FitIds | Where-Object { $catalogue -notmatch "``$([regex]::Escape($_))``" })
        $missing | Should -BeNullOrEmpty -Because "docs/errors.md needs a row for each id raised by the code"
    }

    It 'lists every error constant and FitRefused reason in about_ScalingPS' {
        $missing = @($Constants + $FitIds | Where-Object { $about -notmatch "(?m)^\s+$([regex]::Escape($_))\b" })
        $missing | Should -BeNullOrEmpty -Because "about_ScalingPS's ERRORS section needs each id"
    }

    It 'documents the InvalidParameter family (one id per parameter name) in both' {
        $catalogue | Should -Match 'InvalidParameter\.<Name>'
        $about | Should -Match 'InvalidParameter\.<Name>'
    }

    It 'raises InvalidParameter ids only for names a user can type' {
        $unknown = @($ParameterNames | Where-Object { $_ -notin $cmdletParameters -and $_ -notin $internal })
        $unknown | Should -BeNullOrEmpty -Because "InvalidParameter.<Name> must name a parameter of an exported cmdlet; found in the source: $($unknown -join ', ')"
    }
}
