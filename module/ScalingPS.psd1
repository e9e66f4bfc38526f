@{
    RootModule             = 'ScalingPS.dll'
    # Imported before the root module: points the runtime at the module's private dependencies (see docs/installation.md).
    NestedModules          = @('ScalingPS.Loader.dll')
    # ModuleVersion and ReleaseNotes are stamped by build.ps1: the version from Directory.Build.props, the notes
    # from that version's section of CHANGELOG.md.
    ModuleVersion          = '0.0.0'
    GUID                   = '5b0f3c5e-8d8e-4c3a-9f61-2f1f3a1c7d42'
    Author                 = 'ScalingPS developers'
    CompanyName            = 'ScalingPS'
    Copyright              = '(c) ScalingPS developers. MIT licence.'
    Description            = 'Simulate, solve and analyse neural scaling laws from the shell: two-layer student-teacher networks under online SGD and random-feature models under gradient descent, with theory and simulation side by side, fits, plots and export.'
    # The assemblies target .NET 10, which PowerShell hosts from 7.6 on.
    PowerShellVersion      = '7.6'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('ScalingPS.format.ps1xml')
    CmdletsToExport        = @(
        'Compare-ScalingCurve'
        'Export-FeatureMatrix'
        'Export-ScalingPlot'
        'Find-ComputeOptimal'
        'Get-CommitteeLinearCurve'
        'Get-CommitteePlateau'
        'Get-FeatureSpectrum'
        'Get-RandomFeatureCurve'
        'Get-RandomFeatureExponent'
        'Get-ScalingSweep'
        'Import-ScalingResult'
        'Import-FeatureMatrix'
        'Invoke-CommitteeOde'
        'Invoke-CommitteeSgd'
        'Invoke-RandomFeatureTraining'
        'Invoke-ScalingSweep'
        'Measure-Plateau'
        'Measure-ScalingLaw'
        'New-ScalingSweep'
        'New-PowerLawSpectrum'
        'Show-ScalingPlot'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('scaling-laws', 'deep-learning-theory', 'sgd', 'random-features', 'dmft', 'simulation')
            # No ProjectUri: the project has no public address yet. LICENSE ships in the module folder.
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = ''
        }
    }
}
