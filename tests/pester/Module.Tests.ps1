BeforeDiscovery {
    . $PSScriptRoot/TestSetup.ps1
    $script:HelpCmdlets = @((Get-Module ScalingPS).ExportedCmdlets.Keys)
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $script:Manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'ScalingPS.psd1')
    $script:Exported = (Get-Module ScalingPS).ExportedCmdlets.Keys
}

Describe 'Module manifest' {
    It 'lists every export explicitly, with no wildcard' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $Manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit"
            @($Manifest[$key]) -join ',' | Should -Not -Match '\*'
        }
        @($Manifest.CmdletsToExport).Count | Should -BeGreaterThan 0
    }
    It 'exports exactly the cmdlets the assembly defines' {
        $defined = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ScalingPS' } |
            ForEach-Object { $_.GetTypes() } | Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        ($defined | Sort-Object) -join ',' | Should -Be ((@($Manifest.CmdletsToExport) | Sort-Object) -join ',')
    }
    It 'is Core-only, names a PowerShell version, format file and PSData' {
        $Manifest.CompatiblePSEditions | Should -Be @('Core')
        $Manifest.PowerShellVersion | Should -Not -BeNullOrEmpty
        $Manifest.FormatsToProcess | Should -Contain 'ScalingPS.format.ps1xml'
        $Manifest.PrivateData.PSData.Tags.Count | Should -BeGreaterThan 0
        Test-ModuleManifest (Join-Path $ModulePath 'ScalingPS.psd1') | Should -Not -BeNullOrEmpty
    }
    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($name in $Exported) { ($name -split '-')[0] | Should -BeIn $approved }
    }
    It 'ships no PowerShell engine assembly' {
        Get-ChildItem $ModulePath -Filter 'System.Management.Automation*.dll' | Should -BeNullOrEmpty
        Get-ChildItem $ModulePath -Filter 'Microsoft.PowerShell.*.dll' | Should -BeNullOrEmpty
    }
}

Describe 'Precompiled code' {
    It 'ships the cmdlets and the engine ReadyToRun, so a first call starts without a JIT warm-up' {
        foreach ($name in 'ScalingPS.dll', 'ScalingPS.Core.dll') {
            $file = Get-ChildItem $ModulePath -Recurse -Filter $name | Select-Object -First 1
            $file | Should -Not -BeNullOrEmpty
            $pe = [System.Reflection.PortableExecutable.PEReader]::new([IO.File]::OpenRead($file.FullName))
            try { $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size | Should -BeGreaterThan 0 -Because "$name should carry ReadyToRun code" }
            finally { $pe.Dispose() }
        }
    }
}

Describe 'Import in a fresh process' {
    It 'loads with -NoProfile and runs a cmdlet' {
        $script = "Import-Module '$ModulePath'; (New-PowerLawSpectrum -N 64 -L 8 -Beta 1).DistinctCount"
        $outText = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 0
        ($outText | Select-Object -Last 1) | Should -Be '8'
    }
}

Describe 'Help' {
    It '<_> has a synopsis, a description, every parameter described and an example' -ForEach $HelpCmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s*\[' -Because 'an auto-generated syntax line means no help was found'
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $names = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }
        foreach ($p in $names) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $p
            ($entry.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$p of $_ needs a description"
        }
    }
    It 'has an about_ScalingPS topic' {
        (Get-Help about_ScalingPS | Out-String) | Should -Match 'scaling laws'
    }
}
