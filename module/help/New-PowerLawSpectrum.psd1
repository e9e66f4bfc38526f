@{
    Synopsis    = 'Creates the covariance spectrum of a scaling-law model: a committee (Worschech-Rosenow) or random-feature (Bordelon-Atanasov-Pehlevan) power law, or an explicit one.'
    Description = @'
Returns an immutable ScalingPS.Core.Spectra.Spectrum: the distinct eigenvalues (descending), their
multiplicities, the moments Nu1 = (1/N) Tr(Sigma) and Nu2 = (1/N) Tr(Sigma^2), LambdaMax, LambdaMin
and the parameters that made it. Pipe it into the simulation and theory cmdlets.

Committee convention (docs/committee.md, section 1): L distinct eigenvalues
lambda_l = lambda_+ * l^-(1+Beta), l = 1..L, each with multiplicity N/L, so L must divide N. By default
the mean eigenvalue is 1 (lambda_+ = L / H_L(1+Beta)); -Normalization TopOne sets lambda_+ = 1 instead.

Random-feature convention (docs/random-features.md, section 1): lambda_k = k^-B, k = 1..M, each once,
with target power (w*_k)^2 = k^-(A-B), so that lambda_k (w*_k)^2 = k^-A. A must exceed 1 (finite initial loss).

Empirical: any positive eigenvalues (for example measured from a data set), with optional multiplicities
and target powers; they are sorted in descending order.

Bad input is a terminating error whose FullyQualifiedErrorId starts with InvalidParameter.<Name>.
'@
    Parameters  = @{
        N             = 'Input dimension N of the committee model. Must be a positive multiple of L.'
        L             = 'Number of distinct eigenvalues, 1..N. L = 1 is the isotropic case; L = N makes every eigenvalue distinct. Must divide N.'
        Beta          = 'Committee power-law exponent: lambda_l is proportional to l^-(1+Beta). Must exceed -1 (decreasing eigenvalues); the paper''s power-law regime has Beta > 0.'
        Normalization = 'Committee scaling of the eigenvalues: MeanOne (default, mean eigenvalue 1, the inferred convention of the paper), TopOne (largest eigenvalue 1) or None (lambda_1 = 1 without rescaling).'
        RawExponent   = 'Read -Beta as the raw decay exponent (lambda_l proportional to l^-Beta) instead of 1+Beta.'
        M             = 'Number of random-feature eigen-directions M (the truncation of the kernel spectrum). Take M much larger than N, P and t^(1/B).'
        A             = 'Random-feature task exponent a: lambda_k (w*_k)^2 = k^-a. Must exceed 1.'
        B             = 'Random-feature spectral exponent b: lambda_k = k^-b. Must exceed 0.'
        Eigenvalue    = 'Explicit eigenvalues (all finite and positive) for an empirical spectrum.'
        Multiplicity  = 'Multiplicity of each explicit eigenvalue (default 1 each).'
        TargetPower   = 'Optional target power (w*_k)^2 for each explicit eigenvalue, for random-feature use.'
    }
    Examples    = @(
        @{
            Code    = 'New-PowerLawSpectrum -N 1024 -L 256 -Beta 1 | Format-List'
            Remarks = 'The Fig. 1-style spectrum: 256 distinct eigenvalues, each four times, mean eigenvalue 1.'
        }
        @{
            Code    = '1, 4, 16, 64 | ForEach-Object { New-PowerLawSpectrum -N 1024 -L $_ -Beta 1 } | Select-Object DistinctCount, Nu2, LambdaMax'
            Remarks = 'Nu2 grows in proportion to L, which is why the plateau escape speeds up with L.'
        }
        @{
            Code    = 'New-PowerLawSpectrum -M 2000 -A 1.5 -B 1.25'
            Remarks = 'The random-feature spectrum of the reference numbers in docs/validation.md.'
        }
    )
    Outputs     = 'ScalingPS.Core.Spectra.Spectrum'
}
