@{
    RootModule             = 'ScalingPS.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f3c5e-8d8e-4c3a-9f61-2f1f3a1c7d42'
    Author                 = 'ScalingPS developers'
    CompanyName            = 'ScalingPS'
    Copyright              = '(c) ScalingPS developers. MIT licence.'
    Description            = 'Simulate, solve and analyse neural scaling laws from the shell: two-layer student-teacher networks under online SGD and random-feature models under gradient descent, with theory and simulation side by side, fits, plots and export.'
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('ScalingPS.format.ps1xml')
    CmdletsToExport        = @(
        'Export-FeatureMatrix'
        'Export-ScalingPlot'
        'Find-ComputeOptimal'
        'Get-CommitteeLinearCurve'
        'Get-CommitteePlateau'
        'Get-FeatureSpectrum'
        'Get-RandomFeatureCurve'
        'Get-RandomFeatureExponent'
        'Import-FeatureMatrix'
        'Invoke-CommitteeOde'
        'Invoke-CommitteeSgd'
        'Invoke-RandomFeatureTraining'
        'Measure-Plateau'
        'Measure-ScalingLaw'
        'New-PowerLawSpectrum'
        'Show-ScalingPlot'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('scaling-laws', 'deep-learning-theory', 'sgd', 'random-features', 'dmft', 'simulation')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://example.invalid/ScalingPS'
            ReleaseNotes = 'First release: spectra, committee SGD and ODEs, random-feature simulation and DMFT theory, fits and plots.'
        }
    }
}
