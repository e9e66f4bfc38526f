@{
    Synopsis    = 'Simulates the random-feature model trained by gradient flow, GD, heavy-ball momentum or one-pass SGD, exactly, over seeds in parallel; the simulation counterpart of Get-RandomFeatureCurve.'
    Description = @'
Simulates the model of docs/random-features.md, section 1 with the exact recipe of its section 2: M Gaussian
features psi = Lambda^(1/2) z with lambda_k = k^-B and w*_k = k^-(A-B)/2 (or a piped spectrum), a random
projection A (N x M, iid standard normal) to N features f(x) = w.A psi/sqrt(N), P samples reused at every step
with labels y = w*.psi + sigma epsilon, and w(0) = 0. Training is solved in the eigenbasis of the N x N kernel
(or of the P x P Gram matrix when P < N or N = Infinity), so gradient flow is exact at any time and GD and
momentum are exact per step; P = Infinity trains on the population. One-pass SGD (P = Infinity) draws a fresh
batch every step in the eigenbasis of A Lambda A'/N, where features and labels are jointly Gaussian.

Each output is a RandomFeaturePoint (Source = Simulation) with TestLoss = v'Lambda v (plus sigma^2 with
-NoisyTestLabels) and TrainLoss = (1/P)||Psi v + sigma epsilon||^2 (population loss + sigma^2 when P = Infinity).
Runs use seeds Seed, Seed+1, ..., Seed+Repeat-1, in parallel, and each seed gives the same numbers on every
machine and thread count. Without -Aggregate one point per seed and time streams out in seed order; with
-Aggregate one point per time carries the mean, StdErr (standard error of TestLoss over seeds), TrainStdErr,
Count and, for Repeat >= 2, an unbiased estimate of the Bias from the seed-averaged predictor,
B = (R L_R - mean L)/(R - 1).

-Ensemble E averages the predictors of E members with independent projections and, unless -SharedData,
independent data: TestLoss is the ensemble loss (theory: B + (L - B)/E). With an ensemble, TrainLoss is the
ensemble predictor's loss averaged over the members' training sets.

A run whose loss becomes non-finite (GD with eta * lambda_max >= 2) is reported as a non-terminating error
with id Diverged naming the seed, the time and eta * lambda_max; its later points are not written.

Cost per seed O(P M N + min(N,P)^3): SIMD dense products and a single-threaded symmetric eigensolver (seeds run in parallel; Ctrl+C stops within a fraction of a second). N and P are whole
numbers or Infinity; one seed holds E (P + N + min(N,P)) M doubles, at most 1.5e8 (1.2 GB).

Real data (-Data with -Labels): the features are the rows of a FeatureMatrix, centred and rotated into the
eigenbasis of the training rows' covariance (scaled to mean eigenvalue 1 by default), with the rows' own
labels (centred). Every fifth row (generally: row r when floor((r+1)h) > floor(rh), h = -HoldOut) is held out.
Each seed draws P of the training rows without replacement (P = Infinity: all of them) and its own projection
A, trains by gradient flow or GD exactly as above, and reports TestLoss = the mean squared error on the held-out
rows and TrainLoss on its P rows (Inputs = Data). The theory of the same model is Get-RandomFeatureCurve on
Get-FeatureSpectrum of the training rows with -Labels, with -Sigma the square root of the label variance the
features do not explain (Measurement.LabelVariance - Measurement.ExplainedVariance); the held-out loss is that
theory plus sigma^2. -Optimizer SGD or Momentum, -Ensemble, -SharedData, -RandomSigns, -InitScale, -Sigma and
-NoisyTestLabels do not apply to data and are refused by name.
'@
    Parameters  = @{
        Data                = 'A FeatureMatrix whose rows are the inputs; needs -Labels. See the Real data paragraph above.'
        Labels              = 'With -Data: one label per row (numbers, or a one-column FeatureMatrix).'
        HoldOut             = 'With -Data: fraction of rows held out for the test loss, in (0, 1); default 0.2.'
        InputNormalization  = 'With -Data: MeanOne (default, mean covariance eigenvalue 1, as Get-FeatureSpectrum), TopOne or None (data units).'
        A                   = 'Task exponent a: lambda_k (w*_k)^2 = k^-a. Must exceed 1.'
        B                   = 'Spectral exponent b: lambda_k = k^-b. Must exceed 0.'
        M                   = 'Number of feature modes M.'
        Spectrum            = 'A spectrum with target power, from New-PowerLawSpectrum -M -A -B (or -Eigenvalue with -TargetPower). Accepted from the pipeline.'
        N                   = 'Model sizes (widths) N: whole numbers >= 1, or Infinity for the kernel limit (then the P x P Gram matrix is used). Several values are combined with every P. Default Infinity.'
        P                   = 'Data set sizes P: whole numbers >= 1, or Infinity for population (online) training. Several values are combined with every N. Default Infinity.'
        Time                = 'Finite times t >= 0 to report (gradient-flow time = eta x steps; GD, momentum and SGD round t/eta to whole steps). Default: 25 log-spaced times from 1 to 1e6.'
        Sigma               = 'Label-noise standard deviation sigma >= 0. Default 0.'
        Optimizer           = 'GradientFlow (default, exact), GD (full-batch gradient descent with step -Eta), Momentum (heavy ball with -Eta and -Momentum) or SGD (one-pass SGD with -Eta and -BatchSize; needs P = Infinity).'
        Eta                 = 'Learning rate eta > 0 for GD, Momentum and SGD (time = eta x steps). GD is stable for eta * lambda_max(F Sigma-hat) < 2, and lambda_max is about 1 for these power laws. Default 1.'
        Momentum            = 'Heavy-ball momentum mu in [0, 1) for -Optimizer Momentum. Default 0.'
        BatchSize           = 'Batch size B of one-pass SGD (>= 1). Default 1.'
        Objective           = 'HalfMse (default, gradient of half the train loss) or Mse (full train loss: the dynamics run twice as fast).'
        TargetNormalization = 'None (default) or InverseSqrtM (target w*.psi/sqrt(M), as the paper writes it).'
        NoisyTestLabels     = 'Add sigma^2 to the test loss (noisy test labels).'
        Ensemble            = 'Number E of members whose predictors are averaged (independent projections; independent data unless -SharedData). Default 1.'
        Seed                = 'First seed; run r uses Seed + r. Default 1.'
        Repeat              = 'Number of independent runs (seeds), 1..100000. Default 1.'
        Aggregate           = 'Emit one point per time with the mean over the runs, its standard error (StdErr, TrainStdErr), Count and a bias estimate, instead of one point per run.'
        SharedData          = 'All ensemble members train on one data set (docs/random-features.md, section 1); by default each member draws its own.'
        InitScale           = 'Standard deviation s of a random initialisation w_i(0) ~ N(0, s^2) (docs/random-features.md, section 1); default 0, w(0) = 0 as in the theory. It adds s^2 tr(Lambda) to the initial test loss (divided by E for an ensemble) and is forgotten at t -> infinity only when N < P. Needs a finite N. Not covered by Get-RandomFeatureCurve.'
        RandomSigns         = 'Draw random signs for w*_k per seed (no effect on average); by default all signs are +. Disables the bias estimate of -Aggregate.'
    }
    Examples    = @(
        @{
            Code    = '$x = Import-FeatureMatrix ./x.npy; $y = Import-FeatureMatrix ./y.npy; Invoke-RandomFeatureTraining -Data $x -Labels $y -N 64, 256 -P 1000 -Time 1, 10, 100 -Repeat 8 -Aggregate'
            Remarks = 'Held-out loss of random-feature models of width 64 and 256 trained on 1000 real rows, mean and standard error over 8 seeds.'
        }
        @{
            Code    = 'Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1000 -N 100 -P 200 -Time 1, 10, 100, 1000 -Repeat 16 -Aggregate | Format-Table Time, TestLoss, StdErr, TrainLoss, Bias'
            Remarks = 'Mean and standard error over 16 seeds of L(t, N, P) with both sizes finite.'
        }
        @{
            Code    = '$t = 1, 10, 100, 1000; $sim = Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1000 -N 100 -P 200 -Time $t -Repeat 16 -Aggregate; $th = Get-RandomFeatureCurve -A 1.5 -B 1.25 -M 1000 -N 100 -P 200 -Time $t; 0..3 | ForEach-Object { [pscustomobject]@{ Time = $t[$_]; Theory = $th[$_].TestLoss; Simulation = $sim[$_].TestLoss; Z = ($sim[$_].TestLoss - $th[$_].TestLoss) / $sim[$_].StdErr } }'
            Remarks = 'Simulation against the DMFT theory: the z-scores are within about 2.'
        }
        @{
            Code    = 'Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1000 -N 100 -P Infinity -Ensemble 4 -Time 10, 1e4 -Repeat 8 -Aggregate'
            Remarks = 'An ensemble of four width-100 models trained on the population; compare with Get-RandomFeatureCurve -Ensemble 4 and with a single model of width 400.'
        }
        @{
            Code    = 'Invoke-RandomFeatureTraining -A 1.5 -B 1.25 -M 1000 -N 100 -P 200 -Optimizer GD -Eta 0.5 -Time 10, 100, 1000 -Seed 7'
            Remarks = 'Discrete gradient descent with step 0.5 (time = 0.5 x steps), one seed.'
        }
        @{
            Code    = 'New-PowerLawSpectrum -M 500 -A 1.5 -B 1.25 | Invoke-RandomFeatureTraining -N 50 -Optimizer SGD -Eta 0.2 -BatchSize 8 -Time 10, 100 -Repeat 4 -Aggregate'
            Remarks = 'One-pass SGD on fresh batches (P = Infinity), spectrum from the pipeline.'
        }
    )
    Outputs     = 'ScalingPS.Core.RandomFeatures.RandomFeaturePoint'
}
