@{
    Synopsis    = 'Integrates the order-parameter ODEs of a soft committee machine (erf or linear) under one-pass SGD with a power-law spectrum, from random, symmetric or given initial overlaps.'
    Description = @'
Solves the eigen-component ODE system of docs/committee.md, section 3: one set of overlaps R_tau (K x M) and
Q_tau (K x K) per distinct eigenvalue lambda_tau, coupled only through the first-order parameters
R = sum_tau w_tau lambda_tau R_tau (and likewise Q, T), with the closed-form I3 and I4 integrals of the erf
activation (or the linear ones). This is the N -> infinity limit of Invoke-CommitteeSgd started from the same
order parameters; the two emit the same CommitteePoint objects (Source = Ode here) so they pipe, fit and plot together.

Initial conditions:
  -Initial Random (default): draw J ~ N(0, SigmaJ^2) and B ~ N(0, 1) at finite N with -Seed - exactly the weights
      Invoke-CommitteeSgd -Seed draws - and start from their per-group overlaps. The finite-N asymmetry is what ends
      the plateau. The output alphas are the simulator's checkpoints (log-spaced, rounded to whole steps, after the
      initial point), so ODE and SGD points line up.
  -Initial Symmetric: R_tau = 0, Q_tau = SigmaJ^2 I, T_tau = I. The run stays on the symmetric subspace and never
      leaves the plateau (in floating point the components are kept bitwise equal; otherwise rounding errors,
      amplified by exp(gamma_esc alpha), would end it after alpha of about 36/gamma_esc).
  -InitialState <CommitteeOrderParameters>: e.g. the first object of Invoke-CommitteeSgd -OrderParameters, so that
      the ODE and the simulation start from the same weights. Its eigenvalues, group weights, K, M, N, Seed and
      alpha are used; -Spectrum, -K, -M, -SigmaJ, -Seed do not apply.

-Order Full (default) keeps the eta^2 noise term; -Order Eta drops it (the O(eta) truncation of docs/committee.md, section 3, in which
only eta*alpha matters). Output normalisation follows -OutputNormalization (default 1/sqrt(K), 1/sqrt(M)).

The integrator is adaptive, for alpha up to 1e6 and beyond with log-spaced output: Dormand-Prince 5(4) while the
problem is not stiff and the L-stable Rosenbrock 2(3) method with the analytic Jacobian once it is (-Method Auto;
the fastest rate is about eta*lambda_max, which grows with L). The Jacobian is block-diagonal plus rank
KM + K(K+1)/2, and its linear systems are solved with that structure (each group's block in closed form, the
low-rank coupling through a small matrix of weighted sums over the groups), so a stiff step costs a few
right-hand sides and the cost grows linearly with L: K = M = 6, N = L = 500 to alpha = 1e6 takes seconds.
Steps land exactly on the output alphas. Once the student has converged, EpsG values below about
-AbsoluteTolerance are not resolved (a negative rounding result is reported as 0). A diverging run (non-finite state) is reported as error 'Diverged' with
the alpha where it happened. Ctrl+C stops the run between steps.
'@
    Parameters  = @{
        Spectrum            = 'A committee spectrum (New-PowerLawSpectrum), from the pipeline. Its multiplicities give the group weights w_tau = m_tau/N and N.'
        InitialState        = 'Start from these order parameters (ScalingPS.Core.Committee.CommitteeOrderParameters, e.g. from Invoke-CommitteeSgd -OrderParameters), from the pipeline. The run starts at their Alpha.'
        N                   = 'Input dimension N; with -L and -Beta builds the power-law spectrum. Also the size of the random weight draw (finite-N asymmetry).'
        L                   = 'Number of distinct eigenvalues (must divide N). Default 1 (isotropic).'
        Beta                = 'Power-law exponent: lambda_l proportional to l^-(1+Beta). Default 1.'
        K                   = 'Student hidden units. Default 2.'
        M                   = 'Teacher hidden units (K and M may differ). Default 2.'
        Eta                 = 'Learning rate eta (step eta/sqrt(N) on J; alpha = examples/N). Default 0.1.'
        SigmaJ              = 'Standard deviation of the initial student weights. Default 0.01. Reported as NaN with -InitialState.'
        Alpha               = 'Largest alpha to integrate to (examples per input dimension). Default 1000.'
        AlphaMin            = 'First output alpha; outputs are log-spaced from AlphaMin to Alpha. Default 0.01 (or Alpha/10 if smaller).'
        Points              = 'Number of log-spaced output points (default 50), rounded to whole SGD steps exactly as Invoke-CommitteeSgd places its checkpoints, so ODE and simulation share their alphas.'
        AlphaGrid           = 'An explicit list of alphas instead of the log grid (each rounded to a whole SGD step, alpha = step/N; alpha = 0 is always emitted first). The same parameter exists on Invoke-CommitteeSgd, Invoke-CommitteeOde and Get-CommitteeLinearCurve; it cannot be combined with -Alpha, -AlphaMin or -Points.'
        Activation          = 'Erf (g(x) = erf(x/sqrt 2), default) or Linear, for student and teacher alike.'
        OutputNormalization = 'Second-layer factor: InverseSqrt (1/sqrt K, 1/sqrt M; default), None, or Inverse (1/K, 1/M).'
        Order               = 'Full (default) keeps the eta^2 noise term; Eta drops it (O(eta) truncation).'
        Initial             = 'Random (default: per-group overlaps of random weights drawn with -Seed at dimension N) or Symmetric (R = 0, Q = SigmaJ^2 I, T = I; never leaves the plateau).'
        Seed                = 'Seed of the random initial weights (reported as the Seed of every point). Default 1.'
        RelativeTolerance   = 'Relative local error tolerance of the adaptive integrator. Default 1e-7.'
        AbsoluteTolerance   = 'Absolute local error tolerance of the adaptive integrator. Default 1e-12.'
        Method              = 'Auto (default: explicit Dormand-Prince, switching to the stiff Rosenbrock method when stability limits the step), Explicit, or Stiff.'
        OrderParameters     = 'Emit a CommitteeOrderParameters object (per-group and first-order R, Q, T, with Alpha and EpsG) at every checkpoint instead of the CommitteePoint, as Invoke-CommitteeSgd -OrderParameters does.'
    }
    Examples    = @(
        @{
            Code    = 'Invoke-CommitteeOde -N 1024 -L 16 -K 2 -M 2 -Eta 0.1 -SigmaJ 0.01 -Alpha 1e4 -Seed 1 | Select-Object Alpha, EpsG'
            Remarks = 'One curve of the Fig. 1 family: plateau near 6e-3, escape, then the specialised phase.'
        }
        @{
            Code    = '1, 16, 256, 1024 | ForEach-Object { Invoke-CommitteeOde -N 1024 -L $_ -Alpha 1e4 } | Export-Csv fig1.csv'
            Remarks = 'The whole Fig. 1 family (a few seconds): the plateau shortens and disappears as L grows.'
        }
        @{
            Code    = '$sgd = Invoke-CommitteeSgd -N 1024 -L 16 -Alpha 1000 -Seed 7; $ode = Invoke-CommitteeOde -N 1024 -L 16 -Alpha 1000 -Seed 7; $sgd + $ode | Export-Csv ode-vs-sgd.csv'
            Remarks = 'Simulation and theory from the same initial weights, at the same alphas (about 1% apart at N = 1024).'
        }
        @{
            Code    = 'Invoke-CommitteeSgd -N 1024 -L 16 -Alpha 10 -OrderParameters | Where-Object { $_ -is [ScalingPS.Core.Committee.CommitteeOrderParameters] } | Select-Object -Last 1 | Invoke-CommitteeOde -Alpha 1e4'
            Remarks = 'Continue a simulation with the ODE from its state at alpha = 10.'
        }
        @{
            Code    = 'Invoke-CommitteeOde -N 1024 -L 4 -Initial Symmetric -Order Eta -Alpha 1e5 | Select-Object -Last 1'
            Remarks = 'An exactly symmetric start stays on the plateau (EpsG = 0.005805 at O(eta) for K = 2).'
        }
        @{
            Code    = 'New-PowerLawSpectrum -N 256 -L 256 -Beta 0.75 | Invoke-CommitteeOde -K 1 -M 1 -Activation Linear -Initial Symmetric -Alpha 3162'
            Remarks = 'The linear case from a pipeline spectrum; compare with Get-CommitteeLinearCurve.'
        }
    )
    Outputs     = 'ScalingPS.Core.Committee.CommitteePoint (Source = Ode); with -OrderParameters ScalingPS.Core.Committee.CommitteeOrderParameters instead.'
}
