@{
    Synopsis    = 'Simulates one-pass SGD of a two-layer (soft committee) student learning a two-layer teacher on Gaussian inputs with a power-law spectrum, and streams the generalisation error.'
    Description = @'
The model of docs/committee.md, sections 1-2: inputs x ~ N(0, diag lambda) drawn fresh at every step;
student sigma = a * sum_i g(J_i.x/sqrt(N)) with K hidden units, teacher zeta = b * sum_n g(B_n.x/sqrt(N)) with
M units, second layers fixed (a = 1/sqrt(K), b = 1/sqrt(M) by default). Each step
J_i += (Eta/sqrt(N)) * a * g'(x_i) * (zeta - sigma) * x. Time is alpha = steps / N.
Initial weights: J ~ N(0, SigmaJ^2), B ~ N(0, 1), i.i.d., teacher not orthonormalised.

At alpha = 0 and at -Points log-spaced alphas between -AlphaMin and -Alpha, EpsG = 1/2 E[(sigma - zeta)^2]
is computed exactly from the weights' first-order order parameters (closed forms for Erf, Linear and ReLU
pairs), not from a test sample.

Output: one CommitteePoint per seed and checkpoint (Source = Simulation; Seed, Alpha, Step, EpsG and the run's
parameters under their parameter names), or with -Aggregate one point per checkpoint with the mean EpsG,
its StdErr and Count over the seeds. With -OrderParameters the cmdlet emits CommitteeOrderParameters
instead of points (per-group R_tau, Q_tau, T_tau, first-order R, Q, T and EpsG), ready for the ODE.

Order: checkpoint by checkpoint (alpha = 0 first) and, within a checkpoint, seed by seed. All seeds advance
to a checkpoint in parallel, then that checkpoint's objects are written, so output streams during long runs
(Select-Object -First/-Last and Export-Csv work as the run goes).

Reproducible: each seed has its own random streams (teacher, student, data), so a seed gives the same numbers
bit for bit whatever -Repeat, -ThrottleLimit or the machine's core count. Seed s of a run equals the run with
-Seed s -Repeat 1. The teacher depends only on the seed (not on K or SigmaJ).

Divergence: a seed whose EpsG becomes NaN or infinite, or exceeds 1e6 times its initial value, stops with a
non-terminating error (id Diverged) naming the seed and the alpha where it happened; the other seeds go on.
Bad input is a terminating error whose FullyQualifiedErrorId starts with InvalidParameter.<Name>.
Ctrl+C stops the run within a fraction of a second (about 50 ms measured; the tests hold it under 2 s on a loaded machine) and leaves the session usable.

Real data (-Data): the inputs are rows of a FeatureMatrix (Import-FeatureMatrix) instead of Gaussian draws.
Every fifth row (generally: row r when floor((r+1)h) > floor(rh), h = -HoldOut) is held out; the others are
centred and, by default, rotated into the eigenbasis of their covariance, largest eigenvalue first, and scaled
so that the mean eigenvalue is 1 (N = the number of non-zero eigenvalues; -TrainableInputs N_l trains the top
N_l eigen-directions). The teacher labels each row. Each step takes a training row uniformly at random with
replacement, or with -Epochs the rows in file order. EpsG is then measured on the held-out rows, and
EpsGSpectral is the error of the same weights under Gaussian inputs with the training rows' covariance: what
Get-CommitteeLinearCurve and Invoke-CommitteeOde compute from Get-FeatureSpectrum of the training rows.
The Inputs column says Data, WhitenedData or RawData (Gaussian otherwise). Data runs are double precision.
'@
    Parameters  = @{
        Data                = 'A FeatureMatrix (samples x features) whose rows are the inputs; accepted from the pipeline. See the Real data paragraph above and docs/real-data.md.'
        Whiten              = 'With -Data: divide every eigen-direction by its standard deviation, so the inputs are isotropic (one eigenvalue, 1).'
        Raw                 = 'With -Data: keep the rows in their own coordinates (centred and scaled, not rotated). All inputs are trained; -TrainableInputs is refused.'
        HoldOut             = 'With -Data: fraction of rows held out for the held-out EpsG, in (0, 1); default 0.2 (every fifth row).'
        Epochs              = 'With -Data: 0 (default) draws training rows uniformly with replacement; E >= 1 takes them in file order for at most E passes, so -Alpha times N must not exceed E times the training rows.'
        InputNormalization  = 'With -Data: MeanOne (default; inputs scaled so the mean covariance eigenvalue is 1, the convention of the synthetic spectra), TopOne, or None (data units).'
        Spectrum            = 'Input covariance spectrum, usually from New-PowerLawSpectrum (accepted from the pipeline). N is its dimension; coordinates are taken in its order, largest eigenvalue first.'
        N                   = 'Input dimension N when the spectrum is built here: New-PowerLawSpectrum -N N -L L -Beta Beta (mean eigenvalue 1).'
        L                   = 'Number of distinct eigenvalues of the built spectrum (default 1, isotropic). Must divide N.'
        Beta                = 'Power-law exponent of the built spectrum: lambda_l proportional to l^-(1+Beta) (default 1; irrelevant when L = 1).'
        K                   = 'Number of student hidden units (default 2).'
        M                   = 'Number of teacher hidden units (default 2).'
        Eta                 = 'Learning rate eta > 0 (default 0.1): J_i changes by (eta/sqrt(N)) delta_i x per example. Linear networks are stable only for eta < 2/nu_1 = 2 (large N).'
        SigmaJ              = 'Standard deviation of the initial student weights (default 0.01). The teacher weights have standard deviation 1.'
        Alpha               = 'Last checkpoint alpha_max in examples per input dimension (default 1000); the run takes round(Alpha * N) steps per seed.'
        AlphaMin            = 'First log-spaced checkpoint (default 0.01, or -Alpha if smaller). alpha = 0 is always emitted too.'
        Points              = 'Number of log-spaced checkpoints between -AlphaMin and -Alpha (default 50). Checkpoints that round to the same step are merged. Invoke-CommitteeOde and Get-CommitteeLinearCurve use the same grid, so the three align point for point.'
        AlphaGrid           = 'An explicit list of alphas instead of the log grid (each rounded to a whole SGD step, alpha = step/N; alpha = 0 is always emitted first). The same parameter exists on Invoke-CommitteeSgd, Invoke-CommitteeOde and Get-CommitteeLinearCurve; it cannot be combined with -Alpha, -AlphaMin or -Points.'
        Activation          = 'Student activation g: Erf (default, g(x) = erf(x/sqrt 2)), Linear (g(x) = x) or ReLU (max(0, x)).'
        TeacherActivation   = 'Teacher activation (default: the same as -Activation).'
        OutputNormalization = 'Fixed second-layer weights: InverseSqrt (default, 1/sqrt(K) and 1/sqrt(M)), None (1 each, plain Saad-Solla) or Inverse (1/K and 1/M).'
        TrainableInputs     = 'N_l: train only the first N_l input coordinates (those of largest eigenvalue), docs/committee.md, section 4. 0 (default) trains all N.'
        UntrainedInputs     = 'Student entries outside the N_l trained coordinates: Zero (default; set to 0 and never updated) or Frozen (kept at their random initial values; the error floor grows by 1 + SigmaJ^2).'
        OrthonormalTeacher  = 'Orthonormalise the teacher rows (docs/committee.md, section 2) so that T_tau = I in every eigenvalue group (Gram-Schmidt within each group); when a group has fewer than M coordinates (e.g. L = N) the rows are orthonormalised in the Sigma-weighted inner product so that the first-order T = I. Default: i.i.d. N(0,1) teacher, not orthonormalised.'
        Seed                = 'First seed (default 1). Seeds Seed .. Seed+Repeat-1 are run.'
        Repeat              = 'Number of independent seeds (default 1), run in parallel over the cores. All seeds of a call are held in memory at once (about 8 (K+M) N bytes each in Double).'
        Precision           = 'Double (default) or Single: the floating-point type of weights and inputs in the step loop. EpsG is always evaluated in double. A Single run starts from the same initial weights (drawn in double) but draws its own single-precision data stream (about 1.3x faster per step at N = 1024), so it agrees with Double in distribution, not number for number; it is itself reproducible bit for bit.'
        Generator           = 'How the Gaussian inputs are drawn. Ziggurat (default): exact N(0,1) draws, the numbers of earlier releases for every seed. Wallace: a pool of 4096 normals is replaced by orthogonal transforms of itself (two passes per output round: random block addresses, random block signs, a 4x4 Hadamard-type transform with a transpose), and every round is rescaled to the length of an exact chi-square draw; about half the cost per normal of the ziggurat (docs/performance.md has the measured numbers). Known weakness: each output is a fixed linear combination of 16 outputs of the previous round (weights +-1/4) at positions that change every round, so no fixed lag is correlated; the distribution to 8th moments, the tails, squared lengths and overlaps of consecutive inputs, lag correlations across rounds, class sums over pool positions and the SGD-vs-theory checks pass with it. The name is recorded in every output point (Generator); the same seed and generator give the same numbers bit for bit. Not with -Data (the rows are the inputs).'
        Aggregate           = 'Emit one point per checkpoint with EpsG = mean over seeds, StdErr = standard error of the mean and Count = number of seeds (diverged seeds are left out), instead of one point per seed. Seed is then the first seed of the run.'
        OrderParameters     = 'Emit CommitteeOrderParameters (per-group R_tau, Q_tau, T_tau, first-order R, Q, T, EpsG) at every checkpoint instead of CommitteePoint objects. Cannot be combined with -Aggregate.'
        ThrottleLimit       = 'Maximum number of threads (default 0 = all cores). Results do not depend on it.'
    }
    Examples    = @(
        @{
            Code    = '$x = Import-FeatureMatrix ./digits.npy; 16, 64 | ForEach-Object { Invoke-CommitteeSgd -Data $x -K 1 -M 1 -Activation Linear -Eta 0.05 -TrainableInputs $_ -Alpha 300 -Repeat 10 -Aggregate | Select-Object -Last 1 }'
            Remarks = 'A linear student learning from real rows with N_l = 16 and 64 trainable eigen-directions: the last EpsG of each is its floor.'
        }
        @{
            Code    = 'Invoke-CommitteeSgd -N 1024 -K 2 -M 2 -Eta 0.1 -Alpha 3000 -Points 30 | Format-Table'
            Remarks = 'Isotropic erf committee (docs/validation.md): EpsG falls to the plateau near 6e-3, stays there for about 2000 in alpha, then the student specialises and EpsG decays exponentially.'
        }
        @{
            Code    = 'New-PowerLawSpectrum -N 1024 -L 16 -Beta 1 | Invoke-CommitteeSgd -Repeat 8 -Aggregate -Alpha 1000 | Export-Csv sgd-L16.csv'
            Remarks = 'Mean and standard error over eight seeds of the Fig. 1 setting with L = 16, written to CSV as the checkpoints are reached.'
        }
        @{
            Code    = 'Invoke-CommitteeSgd -N 512 -K 1 -M 1 -Activation Linear -Eta 0.5 -Alpha 10 -Repeat 20 -Aggregate'
            Remarks = 'Linear network: the mean over 20 seeds follows 0.5 (1 + SigmaJ^2) exp(-(2 eta - eta^2) alpha) (docs/committee.md, section 4).'
        }
        @{
            Code    = '1, 4, 16 | ForEach-Object { New-PowerLawSpectrum -N 256 -L 256 -Beta 1 | Invoke-CommitteeSgd -K 1 -M 1 -Activation Linear -Eta 0.05 -TrainableInputs $_ -Alpha 1e4 -Points 5 -Repeat 10 -Aggregate | Select-Object -Last 1 }'
            Remarks = 'Error floors with N_l = 1, 4 and 16 trained input directions (docs/committee.md, section 4): the floor falls like N_l^-Beta.'
        }
        @{
            Code    = 'Invoke-CommitteeSgd -N 256 -Activation Linear -Eta 3 -Repeat 2 -ErrorVariable bad; $bad[0].Exception.Message'
            Remarks = 'A learning rate above the stability limit: each seed stops with a Diverged error that gives the alpha where it diverged.'
        }
        @{
            Code    = '''Ziggurat'', ''Wallace'' | ForEach-Object { Invoke-CommitteeSgd -N 1024 -Alpha 50 -Points 5 -Repeat 8 -Aggregate -Generator $_ | Select-Object -Last 1 Generator, Alpha, EpsG, StdErr }'
            Remarks = 'The same run with both input generators: the mean errors agree within their standard errors; Wallace draws its inputs at about half the cost per normal.'
        }
        @{
            Code    = '$op = Invoke-CommitteeSgd -N 1024 -L 16 -Beta 1 -Alpha 100 -Points 5 -OrderParameters | Select-Object -Last 1; $op.R'
            Remarks = 'The first-order student-teacher overlaps R (K x M, row-major) at alpha = 100; RTau holds them per eigenvalue group.'
        }
    )
    Outputs     = 'ScalingPS.Core.Committee.CommitteePoint, or ScalingPS.Core.Committee.CommitteeOrderParameters with -OrderParameters'
}
