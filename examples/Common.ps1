<#
.SYNOPSIS
    Plumbing shared by the figure scripts in examples/ (dot-source it: `. $PSScriptRoot/Common.ps1`).
.DESCRIPTION
    Imports the module when the session has none, and gives every figure script the same way to make
    its output folder, log grids, CSVs, PNGs (800 x 600) and its table of quantitative checks
    (<name>-checks.csv: Quantity, Setting, Measured, Expected, Ratio, Note), so the scripts hold only science.
#>
$ErrorActionPreference = 'Stop'
if (-not (Get-Module ScalingPS)) { Import-Module (Join-Path $PSScriptRoot '../out/ScalingPS') }

function Start-Example {
    <# Makes the output folder and returns the example's context: its name, folder, size and stopwatch. #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $OutputPath, [switch] $Quick,
        [string] $Description = '')
    $null = New-Item -ItemType Directory -Force $OutputPath
    $mode = if ($Quick) { ' (quick)' } else { '' }
    Write-Host "$Name$($mode): $Description" -ForegroundColor Cyan
    [pscustomobject]@{
        Name = $Name; OutputPath = (Resolve-Path $OutputPath).Path; Quick = $Quick.IsPresent
        Stopwatch = [Diagnostics.Stopwatch]::StartNew(); Checks = [System.Collections.Generic.List[object]]::new()
    }
}

function Get-LogGrid {
    <# Points log-spaced from From to To (both included), PerDecade per decade. #>
    param([double] $From, [double] $To, [int] $PerDecade = 10)
    $count = [math]::Max(1, [int][math]::Round([math]::Log10($To / $From) * $PerDecade))
    0..$count | ForEach-Object { $From * [math]::Pow($To / $From, $_ / $count) }
}

function Save-ExampleCsv {
    <# Writes rows to <folder>/<file>.csv and says so. #>
    param([Parameter(Mandatory)] $Context, [Parameter(Mandatory)] [string] $File, [Parameter(Mandatory)] [object[]] $Rows)
    $path = Join-Path $Context.OutputPath "$File.csv"
    $Rows | Export-Csv -Path $path -NoTypeInformation
    Write-Host "  wrote $path ($($Rows.Count) rows)"
}

function Save-ExamplePlot {
    <# Writes an 800 x 600 PNG of Rows through Export-ScalingPlot; extra Export-ScalingPlot parameters pass through. #>
    param([Parameter(Mandatory)] $Context, [Parameter(Mandatory)] [string] $File, [Parameter(Mandatory)] [object[]] $Rows,
        [Parameter(Mandatory)] [string] $X, [Parameter(Mandatory)] [string] $Y, [hashtable] $Options = @{})
    $path = Join-Path $Context.OutputPath "$File.png"
    $Rows | Export-ScalingPlot -Path $path -X $X -Y $Y -Width 800 -Height 600 @Options -WarningAction SilentlyContinue
    Write-Host "  wrote $path"
}

function Add-Check {
    <# Records one quantitative check: a measured number against the expected value. Ratio = Measured / Expected. #>
    param([Parameter(Mandatory)] $Context, [Parameter(Mandatory)] [string] $Quantity, [string] $Setting = '',
        [double] $Measured, [double] $Expected = [double]::NaN, [string] $Note = '')
    $ratio = if ([double]::IsNaN($Expected) -or $Expected -eq 0) { [double]::NaN } else { $Measured / $Expected }
    $Context.Checks.Add([pscustomobject]@{
            Example = $Context.Name; Quantity = $Quantity; Setting = $Setting
            Measured = $Measured; Expected = $Expected; Ratio = $ratio; Note = $Note
        })
}

function Add-CrossoverSlopeCheck {
    <#
    Fits the slope of -Y against -X at each time and records it against the crossover prediction of
    docs/random-features.md, section 4: early (t^(1/b) below the smallest size) the correction falls as 1/size,
    late it tends to -LateSlope's value.
    #>
    param([Parameter(Mandatory)] $Context, [Parameter(Mandatory)] $Rows, [Parameter(Mandatory)] [double[]] $Times,
        [Parameter(Mandatory)] [string] $X, [Parameter(Mandatory)] [string] $Y, [double] $B, [double] $SmallestSize,
        [double] $LateSlope, [string] $Quantity, [string] $EarlyNote, [string] $LateNote)
    $fits = foreach ($t in $Times) { $Rows | Where-Object Time -eq $t | Measure-ScalingLaw -X $X -Y $Y -Bootstrap 100 -Seed 1 }
    for ($i = 0; $i -lt $Times.Count; $i++) {
        $t = $Times[$i]
        $early = [math]::Pow($t, 1 / $B) -lt $SmallestSize
        $expected = if ($early) { -1 } else { $LateSlope }
        Add-Check $Context $Quantity "t=$t" (-$fits[$i].Exponent) $expected $(if ($early) { $EarlyNote } else { $LateNote })
    }
}

function Add-ComparisonCheck {
    <#
    Simulation against theory with Compare-ScalingCurve: one check per simulated point (its standardised difference
    z, the reference interpolated on log axes) and one per group (worst |z|, chi-square per dof with its p-value).
    #>
    param([Parameter(Mandatory)] $Context, [Parameter(Mandatory)] [object[]] $Simulation, [Parameter(Mandatory)] [object[]] $Reference,
        [string] $X = 'Time', [string] $Y = 'TestLoss', [string[]] $GroupBy, [string] $Quantity = '(simulation - theory) / stderr',
        [string] $StdErrProperty = 'StdErr')
    $compare = @{ Reference = $Reference; X = $X; Y = $Y; StdErrProperty = $StdErrProperty }
    if ($GroupBy) { $compare.GroupBy = $GroupBy }
    $summaries = @($Simulation | Compare-ScalingCurve @compare)
    foreach ($s in $summaries) {
        foreach ($p in $s.Detail | Where-Object InRange) {
            $setting = ($(if ($s.Group) { "$($GroupBy -join ', ')=$($s.Group), " } else { '' }) + "$X=$('{0:G4}' -f $p.X)")
            Add-Check $Context $Quantity $setting $p.Z -Note ('theory {0:G4}, simulation {1:G4} ± {2:G2}; |z| < 2 in 95 % of points' -f $p.Reference, $p.Y, $p.StdErr)
        }
        Add-Check $Context "$Quantity, worst |z| of $($s.Compared)" $(if ($s.Group) { "$($GroupBy -join ', ')=$($s.Group)" } else { '' }) ([math]::Abs($s.WorstZ)) `
            -Note ('chi2/dof {0:F2} (p = {1:G2}); ratio {2:F3} .. {3:F3}; {4} point(s) outside the theory range' -f $s.ChiSquarePerDof, $s.PValue, $s.RatioMin, $s.RatioMax, $s.OutsideRange)
    }
}

function Complete-Example {
    <# Prints the checks as a table, writes them to <ChecksFile>.csv (default <name>-checks) and the elapsed time. #>
    param([Parameter(Mandatory)] $Context, [string] $ChecksFile = "$($Context.Name)-checks")
    $Context.Checks | Format-Table Quantity, Setting,
    @{ Label = 'Measured'; Expression = { '{0:G4}' -f $_.Measured } },
    @{ Label = 'Expected'; Expression = { if ([double]::IsNaN($_.Expected)) { '' } else { '{0:G4}' -f $_.Expected } } },
    @{ Label = 'Ratio'; Expression = { if ([double]::IsNaN($_.Ratio)) { '' } else { '{0:F3}' -f $_.Ratio } } }, Note -Wrap |
        Out-String -Width 200 | Write-Host
    Save-ExampleCsv $Context $ChecksFile $Context.Checks.ToArray()
    Write-Host ("{0} done in {1:F1} s" -f $Context.Name, $Context.Stopwatch.Elapsed.TotalSeconds) -ForegroundColor Cyan
}

function Get-LogSlope {
    <# d log y / d log x between the rows nearest to X1 and X2 (by log distance) of one curve. #>
    param([Parameter(Mandatory)] [object[]] $Rows, [string] $X, [string] $Y, [double] $X1, [double] $X2)
    $valid = @($Rows | Where-Object { $_.$X -gt 0 -and $_.$Y -gt 0 })
    $a = $valid | Sort-Object { [math]::Abs([math]::Log($_.$X / $X1)) } | Select-Object -First 1
    $b = $valid | Sort-Object { [math]::Abs([math]::Log($_.$X / $X2)) } | Select-Object -First 1
    [math]::Log($b.$Y / $a.$Y) / [math]::Log($b.$X / $a.$X)
}

function Get-ValueAt {
    <# Y at X on a curve, by linear interpolation in log x and log y (NaN outside the curve). #>
    param([Parameter(Mandatory)] [object[]] $Rows, [string] $X, [string] $Y, [double] $At)
    $sorted = @($Rows | Where-Object { $_.$X -gt 0 -and $_.$Y -gt 0 } | Sort-Object { [double]$_.$X })
    for ($i = 1; $i -lt $sorted.Count; $i++) {
        $x0 = [double]$sorted[$i - 1].$X; $x1 = [double]$sorted[$i].$X
        if ($At -ge $x0 -and $At -le $x1) {
            $f = if ($x1 -eq $x0) { 0 } else { [math]::Log($At / $x0) / [math]::Log($x1 / $x0) }
            return [math]::Exp((1 - $f) * [math]::Log($sorted[$i - 1].$Y) + $f * [math]::Log($sorted[$i].$Y))
        }
    }
    [double]::NaN
}

function Invoke-MatchedOde {
    <#
    The ODE started from exactly the initial weights of an Invoke-CommitteeSgd run with the same parameters
    (its alpha = 0 order parameters), so that theory and simulation differ only by SGD noise. Sgd holds the
    Invoke-CommitteeSgd parameters (N, L, Beta, K, M, SigmaJ, Seed, Activation, ...); Ode the run's Eta, Alpha, Points.
    #>
    param([Parameter(Mandatory)] [hashtable] $Sgd, [Parameter(Mandatory)] [hashtable] $Ode)
    $sgdOnly = @{} + $Sgd
    foreach ($key in 'Alpha', 'Points', 'AlphaMin', 'Repeat', 'Aggregate') { $sgdOnly.Remove($key) }
    $initial = Invoke-CommitteeSgd @sgdOnly -Alpha 1e-3 -Points 1 -OrderParameters | Select-Object -First 1
    $initial | Invoke-CommitteeOde @Ode
}

function Invoke-ComputeFrontier {
    <#
    The random-feature compute frontier of the DMFT theory at P = infinity: the learning curves for each width
    (against C = N t), the frontier (Get-RandomFeatureCurve -Compute) and power-law fits of loss, width and time
    against compute over the frontier's interior points (those not pinned to the smallest or largest width).
    #>
    param([double] $A, [double] $B, [int] $M, [double[]] $Widths, [double[]] $Times)
    $curves = @(Get-RandomFeatureCurve -A $A -B $B -M $M -N $Widths -Time $Times |
            Select-Object Source, N, P, Time, Compute, TestLoss, A, B, M)
    $frontier = @(Get-RandomFeatureCurve -A $A -B $B -M $M -N $Widths -Time $Times -Compute)
    $interior = @($frontier | Where-Object Interior)
    $fit = @{ X = 'Compute'; Bootstrap = 200; Seed = 1; MinDecades = 1 }
    # Theory curves are lines; the frontier has no Source, so Export-ScalingPlot draws it as markers on a thin line.
    $plot = @($curves | ForEach-Object { [pscustomobject]@{ Source = 'Theory'; N = "$($_.N)"; Compute = $_.Compute; TestLoss = $_.TestLoss } }) +
    @($frontier | ForEach-Object { [pscustomobject]@{ N = 'frontier'; Compute = $_.Compute; TestLoss = $_.TestLoss } })
    [pscustomobject]@{
        Curves = $curves; Frontier = @($frontier | Select-Object Compute, TestLoss, N, Time, Interior, A, B, M, P)
        Plot = $plot; Interior = $interior.Count
        LossFit = $interior | Measure-ScalingLaw @fit -Y TestLoss
        WidthFit = $interior | Measure-ScalingLaw @fit -Y N
        TimeFit = $interior | Measure-ScalingLaw @fit -Y Time
    }
}
