# Help examples the test suite does not run, with the reason (dot-sourced by HelpExamples.Tests.ps1). Keys are
# "<Cmdlet>#<number in Get-Help -Examples>". The full-size examples were measured at over 30 s on the shared 2-core
# test machine; the data examples read feature files the help assumes the reader has.
$dataReason = 'reads a feature file the example assumes the reader has (./digits.npy, ./x.npy, ./x.csv, ./x.bin) or a variable from the example before it; the fixtures here make no feature files yet (tests/pester/FeatureMatrix.Tests.ps1 and the -Data tests cover these cmdlets)'
$Skipped = @{
    'Compare-ScalingCurve#1'         = '8 seeds of SGD at N = 1024 to alpha = 1000 beside the ODE: over 30 s on the shared test machine'
    'Get-RandomFeatureCurve#5'       = 'DMFT theory at M = 30000 for 8 widths x 41 times: over 30 s on the shared test machine'
    'Invoke-CommitteeSgd#3'          = '8 seeds of SGD at N = 1024 to alpha = 1000: over 30 s on the shared test machine'
    'Invoke-CommitteeSgd#5'          = 'three trainable-input counts x 10 seeds of SGD to alpha = 1e4 at N = 256: over a minute on the shared test machine'
    'Invoke-ScalingSweep#2'          = 'submits to a Slurm cluster and waits: needs a running Slurm controller (tests/pester/SweepSlurm.Tests.ps1 covers it when one is up)'
    'Invoke-CommitteeSgd#1'          = $dataReason
    'Invoke-RandomFeatureTraining#1' = $dataReason
    'Import-FeatureMatrix#1'         = $dataReason
    'Import-FeatureMatrix#2'         = $dataReason
    'Export-FeatureMatrix#1'         = $dataReason
    'Export-FeatureMatrix#2'         = $dataReason
    'Get-FeatureSpectrum#1'          = $dataReason
    'Get-FeatureSpectrum#2'          = $dataReason
}
# Examples that show a refusal on purpose: "<Cmdlet>#<number>" = the error id they must end in.
$ExpectedErrors = @{
    'New-ScalingSweep#3' = 'InvalidParameter.Etaa'
}
# Examples that rightly show nothing on the fixtures (they still must run without an error): key = why.
$MayBeEmpty = @{
    'Get-ScalingSweep#2' = 'lists the failed tasks, and every task of the fixture sweep succeeds'
}
