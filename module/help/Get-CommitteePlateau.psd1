@{
    Synopsis    = 'Returns the symmetric-plateau theory of an erf committee with K = M: fixed point, height, escape rate and predicted plateau length.'
    Description = @'
docs/committee.md, sections 5-6, in the O(eta) idealisation with T_tau = I and the default 1/sqrt(K) output
factors. On the plateau every eigen-group sits at R* = 1/sqrt(K(2K-1)), Q* = C* = 1/(2K-1), so the height
(pi/6 - K asin(1/(2K)))/pi does not depend on L, Beta or eta. The symmetry-breaking mode grows at
gamma_esc = eta nu2 (2/pi) (2K-1)^(-1/2) (2K+1)^(-3/2) (EscapeRate), nu2 = (1/N) Tr Sigma^2, so the escape time
scales like K^2/L. The predicted plateau length is
    Length = ApproachTime + ln(LogConstant / S0) / gamma_esc,   S0 = SigmaJ sqrt(nu2/N) (InitialAsymmetry),
or with -LogArgument Variance ln(LogConstant / S0^2) (the variance inside the log, docs/committee.md, section 6). The
constants are conventions of the paper that could not be confirmed; the 1/gamma_esc prefactor is the robust part.
'@
    Parameters  = @{
        Spectrum     = 'A committee spectrum from the pipeline (nu2 and N are taken from it).'
        N            = 'Input dimension N (enters S0).'
        L            = 'Number of distinct eigenvalues (must divide N). Default 1.'
        Beta         = 'Power-law exponent: lambda_l proportional to l^-(1+Beta). Default 1.'
        K            = 'Hidden units of student and teacher (K = M). Default 2.'
        Eta          = 'Learning rate eta. Default 0.1.'
        SigmaJ       = 'Initial student weight scale (> 0). Default 0.01.'
        LogConstant  = 'The O(1) constant c inside the logarithm of the plateau length. Default 1. With -LogConstant 0.2 the length predicts alpha_S, the first alpha at which the students'' mean specialisation exceeds 0.2, which Measure-Plateau -SpecialisationThreshold 0.2 measures on -OrderParameters output (K = M = 2, L = 1, N = 1024, eta = 0.1, sigma_J = 0.01: predicted 1966, ODE 2059).'
        LogArgument  = 'Amplitude (default: ln(c/S0)) or Variance (ln(c/S0^2)).'
        ApproachTime = 'alpha_0, the time to reach the plateau, added to the length. Default 0.'
    }
    Examples    = @(
        @{
            Code    = '1, 4, 16 | ForEach-Object { Get-CommitteePlateau -N 1024 -L $_ -K 2 -Eta 0.1 } | Select-Object L, EscapeRate, Length'
            Remarks = '1/EscapeRate = 304, 143, 44: the plateau shortens like 1/L.'
        }
        @{
            Code    = '2..6 | ForEach-Object { Get-CommitteePlateau -N 512 -L 512 -Beta 0.25 -K $_ -Eta 0.01 -SigmaJ 1e-6 }'
            Remarks = 'Fig. 5 left: the plateau grows with K like sqrt(2K-1)(2K+1)^(3/2).'
        }
    )
    Outputs     = 'ScalingPS.Core.Committee.CommitteePlateau'
}
