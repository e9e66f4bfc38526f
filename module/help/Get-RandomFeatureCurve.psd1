@{
    Synopsis    = 'Computes the DMFT theory of the random-feature model trained on reused data: test loss, train loss and bias L(t, N, P) at any times, for any width N and data size P (either may be Infinity).'
    Description = @'
Evaluates the dynamical mean-field theory of docs/random-features.md, section 3 (Bordelon, Atanasov and
Pehlevan, "A Dynamical Model of Neural Scaling Laws", ICML 2024) with this recipe:
for every time a fixed-Talbot contour of 2n-1 = 31 nodes, the renormalised ridge kappa(s) on its physical
branch (the largest real root at the real node, Newton continuation along the contour), the matrices
Q1, Q2, T1, T2 as weighted sums over the M modes, the 2x2 system of the two-point functions per node pair and a
contraction with the contour weights. Results reproduce every reference number listed in docs/validation.md.

Each output is a RandomFeaturePoint (Source = Theory), the same record Invoke-RandomFeatureTraining emits,
so theory and simulation pipe, fit, plot and export together:
  TestLoss  = v'Lambda v, the population mean squared error (plus sigma^2 with -NoisyTestLabels),
  TrainLoss = (1/P)||y - f||^2 on the P reused samples,
  Bias      = sum_k lambda_k w*_k^2 H_k(t)^2, the loss of the infinitely ensembled predictor,
  Compute   = N * Time (docs/random-features.md, section 1).

Model (docs/random-features.md, section 1): lambda_k = k^-B and (w*_k)^2 = k^-(A-B) for k = 1..M, or any spectrum with a target
piped from New-PowerLawSpectrum. Time is gradient-flow time = eta x steps. -N and -P take lists; every N is
combined with every P (N outer, P inner), and Infinity (or [double]::PositiveInfinity) means the limit:
N = Infinity is the kernel limit, P = Infinity is online/population training (train = test loss).

-Static returns the t -> infinity limit in closed form (extended here to label noise); N = P
gives an infinite test loss (interpolation peak). Time 0 and Infinity are exact in any list.

Optimisers and where their theory holds (outside, the cmdlet stops with the error id named):
  GradientFlow (default): any N, P.
  GD: the Z-transform map (the resolvent at z = (e^(eta s) - 1)/eta), valid for eta * lambda_1 < 1, the
      monotone regime where no mode overshoots (InvalidParameter.Eta otherwise; the simulation handles
      eta * lambda < 2).
  Momentum (heavy ball, -Momentum mu): the generating function of the iteration is the same resolvent at
      z = (1 - x)(1 - mu x)/(eta x); its inverse is taken on a contour in s = -ln(x)/eta that encloses both the
      overdamped modes (negative real axis) and the underdamped ones, which oscillate and sit on the segment
      Re s = ln(mu)/(2 eta), |Im s| <= arccos((1 + mu - eta lambda_hi)/(2 sqrt(mu)))/eta. Before mu^(steps/2) has
      fallen below e^-40 the contour is widened above that segment, with more nodes the more oscillations it
      must resolve (at most 1000, enough for mu = 0.99 at eta/(1 - mu) = 1; beyond, InvalidParameter.Time names the earliest time reachable); later it is
      the fixed Talbot contour; 6 steps or fewer use the exact inverse z-transform on a circle. lambda_hi is the
      top of the spectrum of the finite-N, P feature kernel in the theory (lambda_1 at N = P = Infinity). Valid
      for eta * lambda_hi < (1 + sqrt(mu))^2 (InvalidParameter.Eta otherwise: beyond it the iterate flips sign
      every step); details in docs/science-notes.md. Checked against the exact N = P = Infinity solution to 1e-9 of L(0) from 1 to 100 000 steps,
      against GD at mu = 0 to 1e-8, and against simulation at (N, P) = (100, Infinity), (200, 400), (400, 200)
      to t = 1e5 within the statistical error.
  SGD: the exact one-pass second-moment recursion with -BatchSize, only at N = Infinity and P = Infinity
      (InvalidParameter.N or InvalidParameter.P otherwise); simulate finite N with Invoke-RandomFeatureTraining.

Conventions of docs/random-features.md, section 1 are options: -Objective Mse doubles the time, -TargetNormalization
InverseSqrtM divides the noiseless losses by M, -NoisyTestLabels adds sigma^2 to the test loss. Sizes are
explicit (convention 7): for the normalised alpha = P/M and nu = N/M pass -P ($alpha * M) and -N ($nu * M). -Ensemble E
gives L_E = B + (L - B)/E (exact for independent projections and data, or P = Infinity).

Cost: O(n^2 M) per time point, SIMD over the modes and parallel over times (40 times take a few tens of
milliseconds at M = 2000 and a few tenths of a second at M = 30000; build.ps1 -Task Bench -BenchArgs rf).

Compute-optimal frontier (docs/random-features.md, section 4): -Compute sweeps the widths -N over the times -Time and returns
L*(C), N*(C) and t*(C) for C = N * Time; fit their slopes with Measure-ScalingLaw or by hand (example 6).
The curves themselves (without -Compute) carry a Compute property and can be piped into Find-ComputeOptimal.
'@
    Parameters  = @{
        A                   = 'Task exponent a: lambda_k (w*_k)^2 = k^-a. Must exceed 1 (finite initial loss). The hard-task regime of the paper is a - 1 < b.'
        B                   = 'Spectral exponent b: lambda_k = k^-b. Must exceed 0.'
        M                   = 'Number of feature modes M (truncation of the spectrum). Take M much larger than N, P and t^(1/b) (docs/random-features.md, section 4) for exponent studies.'
        Spectrum            = 'A spectrum with target power, from New-PowerLawSpectrum -M -A -B (or -Eigenvalue with -TargetPower). Accepted from the pipeline; each eigen-direction (counting multiplicity) is one mode.'
        N                   = 'Model sizes (widths) N: whole numbers >= 1, or Infinity for the kernel limit. Several values are combined with every P. Default Infinity.'
        P                   = 'Data set sizes P (samples reused at every step): whole numbers >= 1, or Infinity for online/population training. Several values are combined with every N. Default Infinity.'
        Time                = 'Times t >= 0 at which to evaluate the theory (gradient-flow time = eta x steps; for GD rounded to whole steps). Infinity gives the static limit. Default: 25 log-spaced times from 1 to 1e6.'
        Sigma               = 'Label-noise standard deviation sigma >= 0 (y = w*.psi + sigma epsilon). Default 0.'
        Optimizer           = 'GradientFlow (default), GD (discrete full-batch gradient descent, Z-transform map), SGD (one-pass SGD at N = P = Infinity) or Momentum (heavy ball with -Momentum; see the description for where each theory holds).'
        Eta                 = 'Learning rate eta > 0 for GD, Momentum and SGD (time = eta x steps). The GD theory needs eta * lambda_1 < 1, the momentum theory eta * lambda_hi < (1 + sqrt(mu))^2. Default 1 (ignored by gradient flow).'
        Momentum            = 'Heavy-ball momentum mu in [0, 1) for -Optimizer Momentum: w(n+1) = w(n) - eta grad + mu (w(n) - w(n-1)), starting at rest. Time stays eta x steps (the late-time effective rate is eta/(1 - mu)).'
        BatchSize           = 'Batch size of one-pass SGD (>= 1). Default 1.'
        Objective           = 'HalfMse (default, w-dot = -eta grad of half the train loss, the reference convention) or Mse (the full train loss: every time is doubled).'
        TargetNormalization = 'None (default, y = w*.psi + sigma epsilon) or InverseSqrtM (y = w*.psi/sqrt(M) + sigma epsilon as the paper writes it: noiseless losses are divided by M).'
        NoisyTestLabels     = 'Add sigma^2 to the test loss (noisy test labels). By default the test loss is the population error v''Lambda v without test-label noise.'
        Ensemble            = 'Number E of ensemble members whose predictors are averaged; the output TestLoss is L_E = B + (L - B)/E (exact for independent projections and data, or P = Infinity), while TrainLoss and Bias stay those of one member. Default 1.'
        Static              = 'Return only the infinite-time limit (closed form of docs/random-features.md, section 3), one point per (N, P) with Time = Infinity.'
        Compute             = 'Emit the compute-optimal frontier instead of the curves (docs/random-features.md, section 4): for each P, L*(C) = min over the widths -N (at least 3 finite) of L(t = C/N), with each curve interpolated in log t over -Time; 8 compute values per decade. Output: ComputeFrontierPoint records (Compute, TestLoss, N = N*(C) refined between grid widths, Time = t*(C), Interior = False where the optimum sits on the edge of the N grid).'
        TalbotOrder         = 'Order n of the fixed-Talbot contour (2n - 1 nodes), 4..24. Default 16, accurate to about 1e-11; 12..20 agree to 6 digits.'
    }
    Examples    = @(
        @{
            Code    = 'Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 200 -P 400 -Time 1, 10, 100, 1000, 1e4 | Format-Table Time, TestLoss, TrainLoss, Bias'
            Remarks = 'L(t, N, P) with both sizes finite (docs/validation.md): the test loss falls to a minimum near t = 100 and then rises (overfitting with data reuse) while the train loss keeps falling.'
        }
        @{
            Code    = 'Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 100, Infinity -P Infinity -Time 1, 100, 1e4'
            Remarks = 'Width bottleneck: at t = 100 the loss is 0.40118 at N = 100 and 0.168617 at N = Infinity; wider is better at every time when data is plentiful.'
        }
        @{
            Code    = 'Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 100, Infinity -P Infinity, 100 -Static | Format-Table N, P, TestLoss, TrainLoss, Bias'
            Remarks = 'The static t -> infinity limit for every (N, P) pair. (100, Infinity) gives 0.38837 and (Infinity, 100) gives 0.31533: not symmetric, but the Bias (0.22083) is the same for N <-> P.'
        }
        @{
            Code    = '$a = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 200 -P 400 -Time 10, 1000; $b = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 2000 -N 400 -P 200 -Time 10, 1000; $a.Bias; $b.Bias'
            Remarks = 'N <-> P symmetry: the bias (and kappa, H_k) are identical when N and P are exchanged; the test and train losses are not.'
        }
        @{
            Code    = '$n = 10, 20, 40, 80, 160, 320, 640, 1280; $t = foreach ($i in 0..40) { [math]::Pow(10, $i / 8) }; Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 30000 -N $n -Time $t | Group-Object { [math]::Round([math]::Log10($_.Compute) * 4) } | ForEach-Object { $_.Group | Sort-Object TestLoss | Select-Object -First 1 } | Select-Object Compute, N, Time, TestLoss'
            Remarks = 'A compute-optimal frontier at P = Infinity by hand: for each compute bin the best (N, t). Pipe the same points into Find-ComputeOptimal for the interpolated frontier; the hard-task exponents are N* ~ C^(1/(1+b)) and L* ~ C^(-(a-1)/(1+b)).'
        }
        @{
            Code    = '$f = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 3000 -N (0..9 | ForEach-Object { [math]::Round(10 * [math]::Pow(200, $_ / 9)) }) -Time (0..24 | ForEach-Object { [math]::Pow(1e5, $_ / 24) }) -Compute | Where-Object Interior; $x = $f | ForEach-Object { [math]::Log($_.Compute) }; $y = $f | ForEach-Object { [math]::Log($_.N) }; $mx = ($x | Measure-Object -Average).Average; $my = ($y | Measure-Object -Average).Average; (0..($x.Count - 1) | ForEach-Object { ($x[$_] - $mx) * ($y[$_] - $my) } | Measure-Object -Sum).Sum / (0..($x.Count - 1) | ForEach-Object { ($x[$_] - $mx) * ($x[$_] - $mx) } | Measure-Object -Sum).Sum'
            Remarks = 'The compute-optimal frontier with -Compute and the slope of log N* against log C: about 0.43-0.45, against the hard-task prediction 1/(1+b) = 0.444 (finite M = 3000 biases it slightly).'
        }
        @{
            Code    = 'New-PowerLawSpectrum -M 2000 -A 1.5 -B 1.25 | Get-RandomFeatureCurve -N 200 -P 400 -Sigma 0.5 -Optimizer GD -Eta 0.5 -Time 1, 10, 100'
            Remarks = 'The spectrum comes from the pipeline; discrete GD with step 0.5 and label noise 0.5.'
        }
    )
    Outputs     = 'ScalingPS.Core.RandomFeatures.RandomFeaturePoint; with -Compute, ScalingPS.Core.RandomFeatures.RandomFeatureFrontierPoint'
}
