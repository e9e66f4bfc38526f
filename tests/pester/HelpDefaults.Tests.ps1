# The compiled help states each parameter's real default (read from the cmdlet when the help is built) and
# every cmdlet's INPUTS.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Cmdlets = Get-Command -Module ScalingPS -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll { . (Join-Path $PSScriptRoot 'TestSetup.ps1') }

Describe 'Compiled help' {
    It 'gives the default of <Parameter> on <Cmdlet> as <Expected>' -ForEach @(
        @{ Cmdlet = 'Invoke-CommitteeSgd'; Parameter = 'Eta'; Expected = '0.1' }
        @{ Cmdlet = 'Invoke-CommitteeSgd'; Parameter = 'Points'; Expected = '50' }
        @{ Cmdlet = 'Invoke-CommitteeOde'; Parameter = 'Activation'; Expected = 'Erf' }
        @{ Cmdlet = 'Get-RandomFeatureCurve'; Parameter = 'P'; Expected = 'Infinity' }
        @{ Cmdlet = 'Invoke-CommitteeSgd'; Parameter = 'Aggregate'; Expected = 'False' }
        @{ Cmdlet = 'Invoke-CommitteeSgd'; Parameter = 'N'; Expected = 'None' }
    ) {
        (Get-Help $Cmdlet -Parameter $Parameter).defaultValue | Should -Be $Expected
    }

    It '<Name> states its INPUTS' -ForEach $Cmdlets {
        $inputs = (Get-Help $Name -Full).inputTypes.inputType.type.name
        $inputs | Should -Not -BeNullOrEmpty
    }
}
