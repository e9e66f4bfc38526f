<#
.SYNOPSIS
    Helpers for laying out, checking and packaging the ScalingPS module folder. Dot-sourced by build.ps1 and the
    packaging tests in tests/pester, so the tests exercise exactly what the build runs.
#>

# The platforms the module folder serves, and the NuGet runtime folder that holds each one's native libraries.
# NuGet's macOS natives are universal binaries (x64 and arm64 in one file) under runtimes/osx.
$script:ScalingPSPlatforms = [ordered]@{
    'linux-x64'      = 'linux-x64'
    'linux-arm64'    = 'linux-arm64'
    'linux-musl-x64' = 'linux-musl-x64'
    'osx-x64'        = 'osx'
    'osx-arm64'      = 'osx'
    'win-x64'        = 'win-x64'
    'win-arm64'      = 'win-arm64'
}

# The lowest PowerShell that hosts each .NET runtime an assembly can target.
$script:PowerShellForRuntime = @{ '8.0' = [version]'7.4'; '9.0' = [version]'7.5'; '10.0' = [version]'7.6' }

function Get-ScalingPSVersion([string] $Root) {
    # The one place the version is written: Directory.Build.props (<Version>), which also stamps the assemblies.
    $props = [xml](Get-Content (Join-Path $Root 'Directory.Build.props') -Raw)
    $node = $props.SelectSingleNode('/Project/PropertyGroup/Version')
    if (-not $node) { throw 'Directory.Build.props has no <Version>.' }
    $node.InnerText.Trim()
}

function Get-ReleaseNote([string] $ChangelogPath, [string] $Version) {
    # The CHANGELOG section headed "## <version>", without its heading.
    $text = (Get-Content $ChangelogPath -Raw) -replace "`r", ''
    $pattern = '(?ms)^## ' + [regex]::Escape($Version) + '\b[^\n]*\n(.*?)(?=^## |\z)'
    $m = [regex]::Match($text, $pattern)
    if (-not $m.Success) { throw "CHANGELOG.md has no section '## $Version'." }
    $m.Groups[1].Value.Trim()
}

function Write-ScalingPSManifest([string] $Source, [string] $Destination, [string] $Version, [string] $ReleaseNotes) {
    # Stamps the version and release notes into a copy of the manifest source (string literals, single-quoted).
    $text = Get-Content $Source -Raw
    $quoted = "'" + ($ReleaseNotes -replace "'", "''") + "'"
    $text = [regex]::Replace($text, "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", { param($m) $m.Groups[1].Value + "'$Version'" })
    $text = [regex]::Replace($text, "(?m)^(\s*ReleaseNotes\s*=\s*)'(?:[^']|'')*'", { param($m) $m.Groups[1].Value + $quoted })
    [System.IO.File]::WriteAllText($Destination, $text, [System.Text.UTF8Encoding]::new($false))
}

function Get-AssemblyMetadata([string] $Path) {
    # Target runtime and referenced assembly names, read from the file's metadata without loading it.
    $stream = [System.IO.File]::OpenRead($Path)
    try {
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
        $framework = $null
        foreach ($handle in $md.GetAssemblyDefinition().GetCustomAttributes()) {
            $attribute = $md.GetCustomAttribute($handle)
            if ($attribute.Constructor.Kind -ne [System.Reflection.Metadata.HandleKind]::MemberReference) { continue }
            $parent = $md.GetMemberReference([System.Reflection.Metadata.MemberReferenceHandle]$attribute.Constructor).Parent
            if ($parent.Kind -ne [System.Reflection.Metadata.HandleKind]::TypeReference) { continue }
            if ($md.GetString($md.GetTypeReference([System.Reflection.Metadata.TypeReferenceHandle]$parent).Name) -ne 'TargetFrameworkAttribute') { continue }
            $blob = $md.GetBlobReader($attribute.Value)
            $null = $blob.ReadUInt16() # prolog
            $framework = $blob.ReadSerializedString()
        }
        $references = foreach ($handle in $md.AssemblyReferences) { $md.GetString($md.GetAssemblyReference($handle).Name) }
        [pscustomobject]@{ TargetFramework = $framework; References = @($references) }
    } finally { $stream.Dispose() }
}

function Test-ScalingPSModuleFolder([string] $ModulePath) {
    <# Returns the problems that would make the module folder unfit to publish (none: an empty list). #>
    $problems = [System.Collections.Generic.List[string]]::new()
    $manifestPath = Join-Path $ModulePath 'ScalingPS.psd1'
    $manifest = Import-PowerShellDataFile $manifestPath
    foreach ($file in 'LICENSE', 'THIRD-PARTY-NOTICES.txt') {
        if (-not (Test-Path (Join-Path $ModulePath $file))) { $problems.Add("the module folder has no $file") }
    }
    $uris = @{}
    if ($manifest['HelpInfoURI']) { $uris['HelpInfoURI'] = $manifest['HelpInfoURI'] }
    foreach ($key in 'ProjectUri', 'LicenseUri', 'IconUri') {
        $value = $manifest['PrivateData']['PSData'][$key]
        if ($value) { $uris[$key] = $value }
    }
    foreach ($key in $uris.Keys) {
        $uri = $null
        $value = [string]$uris[$key]
        if (-not [uri]::TryCreate($value, [UriKind]::Absolute, [ref]$uri) -or $uri.Scheme -ne 'https') {
            $problems.Add("$key '$value' is not an absolute https URI")
        } elseif ($uri.Host -match '(^|\.)(example\.(com|org|net)|invalid|example|test|localhost)$' -or $value -match 'placeholder|todo|your-?(name|org|user)|contoso|fabrikam') {
            $problems.Add("$key '$value' is a placeholder")
        }
    }
    $dll = Join-Path $ModulePath $manifest.RootModule
    $framework = (Get-AssemblyMetadata $dll).TargetFramework
    if ($framework -notmatch '^\.NETCoreApp,Version=v(\d+\.\d+)$') {
        $problems.Add("$($manifest.RootModule) targets '$framework', not a .NET runtime PowerShell 7 hosts")
    } else {
        $needed = $script:PowerShellForRuntime[$Matches[1]]
        if (-not $needed) { $problems.Add("no known PowerShell hosts .NET $($Matches[1])") }
        elseif ([version]$manifest.PowerShellVersion -lt $needed) {
            $problems.Add("PowerShellVersion $($manifest.PowerShellVersion) is below $needed, the first PowerShell on .NET $($Matches[1]) that $($manifest.RootModule) targets")
        }
    }
    , $problems
}

function Get-FolderSize([string] $Path) {
    (Get-ChildItem $Path -Recurse -File | Measure-Object Length -Sum).Sum
}

function Invoke-IsolatedPwsh([string] $Script, [string] $DataHome) {
    <#
    Runs a script in a fresh pwsh (this PowerShell's own, started with the dotnet that runs this one) whose home
    folder is $DataHome: PSResourceGet's repository list and the CurrentUser module folder
    ($DataHome/.local/share/powershell/Modules on Linux and macOS) then live there, so nothing is registered or
    installed in the caller's profile. Returns the child's output lines; throws when it fails.
    #>
    $all = @{ NO_COLOR = '1'; HOME = $DataHome; XDG_DATA_HOME = (Join-Path $DataHome '.local/share'); XDG_CONFIG_HOME = (Join-Path $DataHome '.config'); XDG_CACHE_HOME = (Join-Path $DataHome '.cache') }
    # .NET reports a special folder only if it exists (otherwise "" and PSResourceGet would write beside the
    # current directory), so make them first; run from the home folder so that nothing lands elsewhere.
    foreach ($k in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = [System.IO.Directory]::CreateDirectory($all[$k]) }
    $saved = @{}
    Push-Location -LiteralPath $DataHome
    try {
        foreach ($k in $all.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $all[$k]) }
        $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script 2>&1
        # Without terminal escapes, which would also make the Pester XML report unwritable.
        $output = @($output | ForEach-Object { "$_" -replace "\x1b\[[0-9;?]*[A-Za-z]", '' })
        if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed (exit $LASTEXITCODE):`n$($output -join "`n")" }
        $output
    } finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        Pop-Location
    }
}

function Get-IsolatedUserModulePath([string] $DataHome) {
    # Where Install-PSResource -Scope CurrentUser puts modules for a child started by Invoke-IsolatedPwsh.
    if ($IsWindows) { throw 'Isolated installs are implemented for Linux and macOS (the CurrentUser folder on Windows is Documents).' }
    Join-Path $DataHome '.local/share/powershell/Modules'
}

function Publish-ScalingPSPackage([string] $ModulePath, [string] $Repository, [string] $DataHome) {
    <#
    Publishes a module folder with Publish-PSResource to a local file repository (a folder; created if missing) and
    returns the path of the .nupkg it made, the file the PowerShell Gallery would receive. Without -DataHome the
    repository is registered in a temporary profile that is removed afterwards.
    #>
    $null = [System.IO.Directory]::CreateDirectory($Repository)
    $temporary = -not $DataHome
    if ($temporary) { $DataHome = Join-Path (Split-Path $Repository) ('psresourceget-home-' + [guid]::NewGuid().ToString('N')) }
    # Registered afresh each time (a stale registration could point elsewhere). On Windows the home-folder
    # redirection does not apply, so a temporary registration is removed again at the end.
    $unregister = if ($temporary) { 'Unregister-PSResourceRepository -Name ScalingPSLocal' } else { '' }
    $script = @"
`$ErrorActionPreference = 'Stop'
Unregister-PSResourceRepository -Name ScalingPSLocal -ErrorAction SilentlyContinue
Register-PSResourceRepository -Name ScalingPSLocal -Uri '$Repository' -Trusted
try { Publish-PSResource -Path '$ModulePath' -Repository ScalingPSLocal } finally { $unregister }
"@
    try { $null = Invoke-IsolatedPwsh $script $DataHome }
    finally { if ($temporary) { Remove-Item $DataHome -Recurse -Force -ErrorAction SilentlyContinue } }
    $version = (Import-PowerShellDataFile (Join-Path $ModulePath 'ScalingPS.psd1')).ModuleVersion
    $nupkg = Join-Path $Repository "ScalingPS.$version.nupkg"
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource made no $nupkg." }
    $nupkg
}
