# The module as a user gets it: published with Publish-PSResource to a local repository, installed by name with
# Install-PSResource into an empty module path in a fresh process, imported by name and used (a simulation, a fit and
# a PNG, so the native plotting libraries load from the installed folder); then a higher version published and
# installed side by side by Update-PSResource. Every step runs in a child pwsh whose per-user data folder is a
# temporary one, so nothing is registered or installed in the real profile.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    . (Join-Path $RepoRoot 'build/ModulePackaging.ps1')
    # Under the repository's out/ (ignored by git), not the shared temporary folder.
    $script:Work = Join-Path $RepoRoot ('out/test-package-' + [guid]::NewGuid().ToString('N'))
    $script:DataHome = Join-Path $Work 'data'
    $script:Repository = Join-Path $Work 'repository'
    $script:UserModules = Get-IsolatedUserModulePath $DataHome
    $script:Version = [version](Import-PowerShellDataFile (Join-Path $ModulePath 'ScalingPS.psd1')).ModuleVersion
    $script:NextVersion = [version]::new($Version.Major, $Version.Minor, $Version.Build + 1)
    $null = New-Item -ItemType Directory -Force $DataHome
}

AfterAll {
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Install from a PSResourceGet repository' {
    It 'publishes a .nupkg with the module folder inside' {
        $script:Nupkg = Publish-ScalingPSPackage -ModulePath $ModulePath -Repository $Repository -DataHome $DataHome
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($file in 'ScalingPS.psd1', 'ScalingPS.dll', 'ScalingPS.Loader.dll', 'LICENSE', 'THIRD-PARTY-NOTICES.txt', 'dependencies/ScalingPS.Core.dll',
            'dependencies/runtimes/linux-x64/native/libSkiaSharp.so', 'dependencies/runtimes/win-arm64/native/libSkiaSharp.dll', 'dependencies/runtimes/osx/native/libSkiaSharp.dylib') {
            $entries | Should -Contain $file
        }
    }

    It 'installs by name into an empty module path' {
        $out = Invoke-IsolatedPwsh -DataHome $DataHome -Script @'
$ErrorActionPreference = 'Stop'
Install-PSResource ScalingPS -Repository ScalingPSLocal -Scope CurrentUser -Quiet
(Get-InstalledPSResource ScalingPS).Version.ToString()
'@
        ($out | Select-Object -Last 1) | Should -Be $Version.ToString()
        Test-Path (Join-Path $UserModules "ScalingPS/$Version/ScalingPS.psd1") | Should -BeTrue
    }

    It 'imports by name in a fresh process and simulates, fits and plots a PNG' {
        $png = Join-Path $Work 'installed.png'
        $out = Invoke-IsolatedPwsh -DataHome $DataHome -Script @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$UserModules'
Import-Module ScalingPS
`$sim = New-PowerLawSpectrum -N 64 -L 8 -Beta 1 | Invoke-CommitteeSgd -K 2 -M 2 -Eta 0.1 -Alpha 50 -Repeat 2 -Aggregate -Seed 1
`$fit = `$sim | Where-Object Alpha -GT 0 | Measure-ScalingLaw -X Alpha -Y EpsG -Form PowerLaw -XMin 1 -XMax 50
`$sim | Where-Object Alpha -GT 0 | Export-ScalingPlot -Path '$png' -X Alpha -Y EpsG -Fit `$fit
[pscustomobject]@{ Base = (Get-Module ScalingPS).ModuleBase; Rows = @(`$sim).Count; Exponent = `$fit.Exponent } | ConvertTo-Json -Compress
"@
        $result = ($out | Select-Object -Last 1) | ConvertFrom-Json
        $result.Base | Should -Be (Join-Path $UserModules "ScalingPS/$Version")
        $result.Rows | Should -BeGreaterThan 5
        [double]::IsFinite($result.Exponent) | Should -BeTrue
        $bytes = [System.IO.File]::ReadAllBytes($png)
        $bytes.Length | Should -BeGreaterThan 5000
        [System.Text.Encoding]::ASCII.GetString($bytes, 1, 3) | Should -Be 'PNG'
    }

    It 'updates to a higher version side by side' {
        # The same module folder with only the manifest's version raised: what the next release would publish.
        $next = Join-Path $Work 'next/ScalingPS'
        $null = New-Item -ItemType Directory -Force (Split-Path $next)
        Copy-Item $ModulePath $next -Recurse
        $manifest = Join-Path $next 'ScalingPS.psd1'
        Write-ScalingPSManifest -Source $manifest -Destination $manifest -Version $NextVersion -ReleaseNotes 'Test release.'
        $null = Publish-ScalingPSPackage -ModulePath $next -Repository $Repository -DataHome $DataHome
        $out = Invoke-IsolatedPwsh -DataHome $DataHome -Script @"
`$ErrorActionPreference = 'Stop'
Update-PSResource ScalingPS -Repository ScalingPSLocal -Scope CurrentUser -Quiet
`$env:PSModulePath = '$UserModules'
Import-Module ScalingPS
[pscustomobject]@{
    Installed = @(Get-InstalledPSResource ScalingPS | ForEach-Object { `$_.Version.ToString() } | Sort-Object)
    Imported  = (Get-Module ScalingPS).Version.ToString()
    Cmdlets   = (Get-Command -Module ScalingPS).Count
} | ConvertTo-Json -Compress
"@
        $result = ($out | Select-Object -Last 1) | ConvertFrom-Json
        $result.Installed | Should -Be @($Version.ToString(), $NextVersion.ToString())
        $result.Imported | Should -Be $NextVersion.ToString()
        $result.Cmdlets | Should -Be @((Import-PowerShellDataFile (Join-Path $ModulePath 'ScalingPS.psd1')).CmdletsToExport).Count
    }
}
