# The shipped module folder: manifest policy (the check build.ps1 runs before it calls a build good), the cmdlet
# assembly's references (no third-party library at the front), and one native library per platform, of the right
# binary format and architecture, where the module's loader looks for it.
BeforeDiscovery {
    $script:Platforms = @(
        @{ Rid = 'linux-x64'; Os = 'Linux'; Arch = 'X64'; Format = 'ELF'; Machine = 0x3E }
        @{ Rid = 'linux-arm64'; Os = 'Linux'; Arch = 'Arm64'; Format = 'ELF'; Machine = 0xB7 }
        @{ Rid = 'linux-musl-x64'; Os = 'Linux'; Arch = 'X64'; Format = 'ELF'; Machine = 0x3E }
        @{ Rid = 'osx-x64'; Os = 'MacOS'; Arch = 'X64'; Format = 'MachO'; Machine = 0x01000007 }
        @{ Rid = 'osx-arm64'; Os = 'MacOS'; Arch = 'Arm64'; Format = 'MachO'; Machine = 0x0100000C }
        @{ Rid = 'win-x64'; Os = 'Windows'; Arch = 'X64'; Format = 'PE'; Machine = 0x8664 }
        @{ Rid = 'win-arm64'; Os = 'Windows'; Arch = 'Arm64'; Format = 'PE'; Machine = 0xAA64 }
    )
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    . (Join-Path $RepoRoot 'build/ModulePackaging.ps1')

    # A copy of the module's front files (no natives: the policy reads the manifest, LICENSE and ScalingPS.dll).
    function New-FolderCopy {
        $copy = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $copy
        Get-ChildItem $ModulePath -File | Copy-Item -Destination $copy
        $copy
    }
    function Set-ManifestText([string] $folder, [string] $pattern, [string] $replacement) {
        $path = Join-Path $folder 'ScalingPS.psd1'
        $text = Get-Content $path -Raw
        $text -match $pattern | Should -BeTrue -Because "the manifest must contain $pattern for this test to mean anything"
        Set-Content $path ($text -replace $pattern, $replacement) -NoNewline
    }

    # The architecture a native library is built for: ELF e_machine, PE machine, or every slice of a Mach-O universal binary.
    function Get-NativeMachine([string] $path) {
        $b = [System.IO.File]::ReadAllBytes($path)
        if ($b[0] -eq 0x7F -and [System.Text.Encoding]::ASCII.GetString($b, 1, 3) -eq 'ELF') {
            return [pscustomobject]@{ Format = 'ELF'; Machines = @([BitConverter]::ToUInt16($b, 18)) }
        }
        if ($b[0] -eq 0x4D -and $b[1] -eq 0x5A) {
            $pe = [BitConverter]::ToInt32($b, 0x3C)
            return [pscustomobject]@{ Format = 'PE'; Machines = @([BitConverter]::ToUInt16($b, $pe + 4)) }
        }
        function BigEndian([int] $offset) { ([int]$b[$offset] -shl 24) -bor ([int]$b[$offset + 1] -shl 16) -bor ([int]$b[$offset + 2] -shl 8) -bor [int]$b[$offset + 3] }
        if ((BigEndian 0) -eq [int]0xCAFEBABE -or (BigEndian 0) -eq -889275714) {
            $count = BigEndian 4
            return [pscustomobject]@{ Format = 'MachO'; Machines = @(0..($count - 1) | ForEach-Object { BigEndian (8 + 20 * $_) }) }
        }
        if ([BitConverter]::ToUInt32($b, 0) -eq 0xFEEDFACF) {
            return [pscustomobject]@{ Format = 'MachO'; Machines = @([BitConverter]::ToInt32($b, 4)) }
        }
        [pscustomobject]@{ Format = 'unknown'; Machines = @() }
    }
}

Describe 'Manifest policy' {
    It 'the built module passes' {
        Test-ScalingPSModuleFolder $ModulePath | Should -BeNullOrEmpty
    }
    It 'asks for PowerShell 7.6, the first on .NET 10, which the assemblies target' {
        (Import-PowerShellDataFile (Join-Path $ModulePath 'ScalingPS.psd1')).PowerShellVersion | Should -Be '7.6'
        (Get-AssemblyMetadata (Join-Path $ModulePath 'ScalingPS.dll')).TargetFramework | Should -Be '.NETCoreApp,Version=v10.0'
    }
    It 'fails on a placeholder ProjectUri' {
        $copy = New-FolderCopy
        Set-ManifestText $copy "(?m)^(\s*)LicenseUri(\s*)=" "`$1ProjectUri = 'https://example.invalid/ScalingPS'`n`$1LicenseUri`$2="
        Test-ScalingPSModuleFolder $copy | Should -Match "ProjectUri 'https://example.invalid/ScalingPS' is a placeholder"
    }
    It 'fails on a LicenseUri that is not https' {
        $copy = New-FolderCopy
        Set-ManifestText $copy "LicenseUri(\s*)=\s*'[^']*'" "LicenseUri = 'TODO'"
        Test-ScalingPSModuleFolder $copy | Should -Match 'LicenseUri'
    }
    It 'fails without a LICENSE file' {
        $copy = New-FolderCopy
        Remove-Item (Join-Path $copy 'LICENSE')
        Test-ScalingPSModuleFolder $copy | Should -Match 'no LICENSE'
    }
    It 'fails when PowerShellVersion is below the runtime the assemblies target' {
        $copy = New-FolderCopy
        Set-ManifestText $copy "PowerShellVersion(\s*)=\s*'[^']*'" "PowerShellVersion = '7.4'"
        Test-ScalingPSModuleFolder $copy | Should -Match 'PowerShellVersion 7.4 is below 7.6'
    }
    It 'the version is the one in Directory.Build.props, with that CHANGELOG section as release notes, in the manifest and the assemblies' {
        $version = Get-ScalingPSVersion $RepoRoot
        $manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'ScalingPS.psd1')
        $manifest.ModuleVersion | Should -Be $version
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Be (Get-ReleaseNote (Join-Path $RepoRoot 'CHANGELOG.md') $version)
        foreach ($dll in 'ScalingPS.dll', 'ScalingPS.Loader.dll', 'dependencies/ScalingPS.Core.dll') {
            [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModulePath $dll)).Version | Should -Be ([version]"$version.0")
        }
    }
    It 'ships the third-party notices of every bundled library and the font' {
        $notices = Get-Content (Join-Path $ModulePath 'THIRD-PARTY-NOTICES.txt') -Raw
        foreach ($name in 'MathNet.Numerics', 'ScottPlot', 'SkiaSharp', 'HarfBuzzSharp', 'System.Numerics.Tensors', 'Parquet.Net', 'Snappier', 'ZstdSharp', 'K4os.Compression.LZ4', 'CommunityToolkit.HighPerformance', 'RecyclableMemoryStream', 'DejaVu', 'Bitstream Vera', 'libpng', 'FreeType') {
            $notices | Should -Match ([regex]::Escape($name))
        }
    }
}

Describe 'Assembly layout' {
    It 'the cmdlet assembly references only the engine, .NET and PowerShell' {
        $references = (Get-AssemblyMetadata (Join-Path $ModulePath 'ScalingPS.dll')).References
        $references | Should -Contain 'ScalingPS.Core'
        $references | Where-Object { $_ -ne 'ScalingPS.Core' -and $_ -notmatch '^(System|Microsoft)(\.|$)' -and $_ -notin 'netstandard', 'mscorlib' } | Should -BeNullOrEmpty
        $references | Where-Object { $_ -match '^Microsoft\.' -and $_ -notmatch '^Microsoft\.(PowerShell|Management\.Infrastructure|Win32|CSharp)' } | Should -BeNullOrEmpty
    }
    It 'the loader references only .NET and PowerShell' {
        (Get-AssemblyMetadata (Join-Path $ModulePath 'ScalingPS.Loader.dll')).References |
            Where-Object { $_ -notmatch '^(System|Microsoft\.PowerShell)(\.|$)' -and $_ -notin 'netstandard', 'mscorlib' } | Should -BeNullOrEmpty
    }
    It 'no other assembly sits beside them, where PowerShell would find it' {
        (Get-ChildItem $ModulePath -File -Filter '*.dll').Name | Sort-Object | Should -Be @('ScalingPS.dll', 'ScalingPS.Loader.dll')
    }
    It 'the engine and third-party libraries load in the module''s own context' {
        $null = Get-RandomFeatureExponent -A 1.5 -B 1.25
        $contexts = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'ScalingPS', 'ScalingPS.Core', 'MathNet.Numerics' } |
            ForEach-Object { '{0}={1}' -f $_.GetName().Name, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
        $contexts | Should -Contain 'ScalingPS=Default'
        $contexts | Should -Contain 'ScalingPS.Core=ScalingPS'
    }
}

Describe 'Native libraries for every platform' {
    It '<Rid>: the loader finds <Library> of the right format and architecture' -ForEach @(
        $Platforms | ForEach-Object { $p = $_; 'libSkiaSharp', 'libHarfBuzzSharp' | ForEach-Object { $p + @{ Library = $_ } } }
    ) {
        $folders = [ScalingPS.Loader.NativeLibraryPaths]::RuntimeFolders($Rid, $Os, $Arch)
        $path = [ScalingPS.Loader.NativeLibraryPaths]::Find((Join-Path $ModulePath 'dependencies'), $Library, $folders, $Os, [Func[string, bool]] { param($p) [System.IO.File]::Exists($p) })
        $path | Should -Not -BeNullOrEmpty -Because "the module must ship $Library for $Rid"
        $native = Get-NativeMachine $path
        $native.Format | Should -Be $Format
        $native.Machines | Should -Contain $Machine
        if ($Format -eq 'ELF') {
            # The C library it links against: musl for linux-musl-*, glibc otherwise (they cannot load each other's builds).
            $text = [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($path))
            $text.Contains('libc.musl-') | Should -Be ($Rid -like 'linux-musl-*')
            $text.Contains('libc.so.6') | Should -Be ($Rid -notlike 'linux-musl-*')
        }
    }
    It 'ships no native library for a platform it does not serve' {
        (Get-ChildItem (Join-Path $ModulePath 'dependencies/runtimes') -Directory).Name | Sort-Object |
            Should -Be @('linux-arm64', 'linux-musl-x64', 'linux-x64', 'osx', 'win-arm64', 'win-x64')
    }
}
