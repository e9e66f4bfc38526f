@{
    Synopsis    = 'Computes the exact learning curve of the linear committee (perceptron) under one-pass SGD with a power-law spectrum, at any list of alpha.'
    Description = @'
For linear activations with the default output normalisation the committee reduces to a perceptron, and the
per-eigenspace errors d_tau obey d' = -A d with A = 2 eta diag(lambda) - eta^2 lambda (w lambda)^T
(docs/committee.md, section 4; w_tau = m_tau/N, i.e. 1/L for the power law). The teacher has T_tau = I and the
student starts with no overlap, d_tau(0) = 1 + SigmaJ^2. The solution is a sum of exponentials whose rates are the
roots of the secular equation 1 = sum_tau u_tau^2/(2 eta lambda_tau - kappa), u_tau = eta sqrt(w_tau) lambda_tau;
they interlace with the 2 eta lambda_tau. Each root is computed relative to its nearest pole, so the eigenvectors
are accurate and the work is O(L^2): no matrix exponential, stable for L in the thousands.

-Form SmallEta gives ((1 + SigmaJ^2)/2) sum_tau w_tau lambda_tau exp(-2 eta lambda_tau alpha) (docs/committee.md, section 4).
-TrainableInputs N_l trains only the inputs of the N_l largest eigenvalues (use L = N): the others add
the floor eps_min = (1/2N) sum_{k > N_l} lambda_k (times 1 + SigmaJ^2 with -UntrainedInputs Frozen), which finite
eta raises to eps_inf = eps_min / (1 - (eta/2N) sum_{k <= N_l} lambda_k).
The exact dynamics are stable only for eta < 2 / sum w lambda (= 2 for the mean-one spectrum); larger -Eta is an
InvalidParameter.Eta error. Output: one CommitteePoint per alpha, in the order given, with Source = Theory.
'@
    Parameters  = @{
        Spectrum        = 'A committee spectrum from the pipeline (any eigenvalues and multiplicities).'
        L               = 'Number of distinct eigenvalues of the power-law spectrum.'
        Beta            = 'Power-law exponent: lambda_l proportional to l^-(1+Beta). Default 1.'
        N               = 'Input dimension (default L). Only the group weights m/N and -TrainableInputs depend on it; the theory is the N -> infinity limit.'
        Eta             = 'Learning rate eta. Default 0.1. Must be below 2 / sum w lambda for the exact form.'
        SigmaJ          = 'Initial student weight scale; d_tau(0) = 1 + SigmaJ^2. Default 0.01.'
        Alpha           = 'The last alpha of the log grid (default 1000), as on Invoke-CommitteeSgd and Invoke-CommitteeOde: the curve is evaluated at alpha = 0 and -Points log-spaced alphas from -AlphaMin to -Alpha, rounded to whole SGD steps so that theory and simulation align point for point. Positional. For backwards compatibility several values are read as -AlphaGrid.'
        AlphaMin        = 'First log-spaced alpha (default 0.01, or -Alpha if smaller).'
        Points          = 'Number of log-spaced alphas between -AlphaMin and -Alpha (default 50).'
        AlphaGrid       = 'An explicit list of alphas (>= 0), evaluated exactly as given (the closed form needs no whole steps). The same parameter exists on Invoke-CommitteeSgd and Invoke-CommitteeOde (which round it to whole steps).'
        Form            = 'Exact (default: with the eta^2 term) or SmallEta (the O(eta) sum of exponentials).'
        TrainableInputs = 'N_l: train only the inputs belonging to the N_l largest eigenvalues (must cover whole eigen-groups; with L = N any value 1..N).'
        UntrainedInputs = 'Zero (default: untrained entries absent) or Frozen (kept at their initial values: the floor is multiplied by 1 + SigmaJ^2).'
    }
    Examples    = @(
        @{
            Code    = 'Get-CommitteeLinearCurve -L 256 -Beta 0.75 -Eta 0.1 -SigmaJ 0.01 -Alpha 0.1, 1, 10, 100, 1000'
            Remarks = 'The exact theory of Fig. 2 right: 0.2046, 0.07297, 0.02376, 5.572e-3, 2.416e-4.'
        }
        @{
            Code    = '4, 16, 64 | ForEach-Object { Get-CommitteeLinearCurve -L 256 -Eta 0.05 -TrainableInputs $_ -AlphaGrid 1e7 } | Select-Object TrainableInputs, EpsG'
            Remarks = 'The N_l floors of Fig. 3 left: 6.77e-2, 1.770e-2, 3.626e-3.'
        }
        @{
            Code    = '$a = 1..60 | ForEach-Object { [math]::Pow(10, $_ / 10) }; Get-CommitteeLinearCurve -L 1024 -Alpha $a -Form SmallEta | Export-Csv linear.csv'
            Remarks = 'The small-eta curve over six decades; in its power-law window the slope is -Beta/(1+Beta).'
        }
    )
    Outputs     = 'ScalingPS.Core.Committee.CommitteePoint (Source = Theory, Activation = Linear, K = M = 1).'
}
