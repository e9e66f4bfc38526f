@{
    Synopsis    = 'Measures the covariance spectrum of a data matrix, fits its power law with an interval, and returns a Spectrum the theory and simulation cmdlets accept.'
    Description = @'
Computes the eigenvalues of the covariance of the rows (features centred; -Standardize: the correlation matrix)
- of the features x features covariance when there are at least as many samples as features, otherwise of the
samples x samples Gram matrix, which has the same non-zero eigenvalues. Eigenvalues below 1e-10 of the largest
(constant features, fewer samples than features) are dropped; Measurement.Dropped counts them. By default the
eigenvalues are scaled to mean 1, the convention of the committee spectra.

The decay lambda_k ~ k^-s is fitted over the -Rank window with the robust fitter of Measure-ScalingLaw and
reported both ways: the committee exponent Beta = s - 1 (lambda proportional to l^-(1+Beta)) and the
random-feature exponent B = s. The interval comes from a delete-a-group jackknife over the rows (-Groups groups,
row r in group r mod G, so a file sorted by class mixes classes in every group): each replicate recomputes the
spectrum without one group and refits; interval = estimate +- t quantile x jackknife standard error. When the
halves of the window give exponents that differ by more than -MaxSlopeChange of the whole, the window is
refused as not a power law (error FitRefused.NotPowerLaw).

With -Labels (one per row) the centred labels are projected on the eigen-directions: the task power
p_k = lambda_k (w*_k)^2 becomes the spectrum's TargetPower, and the tail sum_{l>k} p_l / sum p ~ k^-(a-1) is
fitted over the same window for the task exponent A (a warning instead when it cannot be fitted).
Measurement.LabelVariance is the centred labels' variance and Measurement.ExplainedVariance = sum of p_k the
part a linear function of the features explains; the rest acts as label noise sigma^2 in the random-feature
theory.

The result is a ScalingPS.Core.Spectra.Spectrum with Convention Empirical, one group per eigenvalue, and a
Measurement property holding the sample and feature counts, rank, window, exponents with intervals and the
half-window exponents. Pipe it into Get-CommitteeLinearCurve, Invoke-CommitteeOde, Invoke-CommitteeSgd (Gaussian
inputs with that spectrum), and with -Labels into Get-RandomFeatureCurve and Invoke-RandomFeatureTraining.
'@
    Parameters  = @{
        Matrix         = 'The FeatureMatrix (samples x features) to analyse; accepted from the pipeline.'
        Center         = 'Subtract each feature''s mean (on by default); -Center:$false gives the uncentred second-moment matrix.'
        Standardize    = 'Divide each feature by its standard deviation (the correlation matrix); constant features contribute nothing.'
        Rank           = 'Fit window of ranks (1-based): its smallest and largest entries, e.g. -Rank 10..300. Default: 1 to half the number of non-zero eigenvalues. It must hold at least 3 ranks and span a decade.'
        Labels         = 'One number per row (an array, or a one-column FeatureMatrix): adds the task power and exponent A.'
        Normalization  = 'MeanOne (default, mean eigenvalue 1), TopOne (largest 1) or None (data units).'
        Confidence     = 'Coverage of the exponent interval, in (0, 1); default 0.95.'
        Groups         = 'Jackknife groups for the interval, 3 to 1000 and at most the rows; 0 skips the interval (the Measurement''s lower and upper bounds are then NaN, not applicable). Default 20.'
        NoFit          = 'Return the eigenvalues (and with -Labels the task power) without a power-law fit: the spectrum''s Beta, B and A are empty and the Measurement''s exponents NaN (not applicable). For matrices with too few features for a fit, or spectra that are not power laws.'
        MaxSlopeChange = 'Largest allowed difference between the exponents of the window''s two halves, as a fraction of the whole window''s exponent (default 0.5); above it the window is refused.'
    }
    Examples    = @(
        @{
            Code    = '$s = Import-FeatureMatrix ./x.npy | Get-FeatureSpectrum -Rank 10..200; $s.Measurement'
            Remarks = 'Beta and B with their 95 % intervals, the window and the half-window exponents.'
        }
        @{
            Code    = '$s | Get-CommitteeLinearCurve -Eta 0.05 -TrainableInputs 64 -AlphaGrid 1, 10, 100, 1000'
            Remarks = 'The learning curve the theory predicts for a linear student on inputs with this spectrum.'
        }
    )
    Inputs      = 'ScalingPS.Core.Data.FeatureMatrix'
    Outputs     = 'ScalingPS.Core.Spectra.Spectrum'
}
