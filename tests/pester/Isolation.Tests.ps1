# ScalingPS next to another module's versions of its dependencies: a fresh process first loads MathNet.Numerics
# 4.15 and SkiaSharp 2.88 (with its own native libSkiaSharp) into the session, as another module would, then
# imports ScalingPS and fits and plots. Both must work, and the session must still see the versions it loaded.
# The other versions come from NuGet through build/Tools.csproj (PackageDownload).
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { ((& dotnet nuget locals global-packages --list) -join '' -replace '^.*?global-packages:\s*', '').Trim() }
    $script:OtherMathNet = Join-Path $nuget 'mathnet.numerics/4.15.0/lib/netstandard2.0/MathNet.Numerics.dll'
    $script:OtherSkia = Join-Path $nuget 'skiasharp/2.88.9/lib/net6.0/SkiaSharp.dll'
    $script:OtherSkiaNative = Join-Path $nuget 'skiasharp.nativeassets.linux.nodependencies/2.88.9/runtimes/linux-x64/native'
}

Describe 'Dependency isolation' {
    It 'the other versions are restored' {
        $OtherMathNet | Should -Exist
        $OtherSkia | Should -Exist
    }

    It 'fits and plots after another MathNet.Numerics and SkiaSharp were loaded, and leaves them in place' {
        $png = Join-Path $TestDrive 'isolated.png'
        $onLinuxX64 = $IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64'
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$OtherMathNet'
Add-Type -Path '$OtherSkia'
`$gammaBefore = [MathNet.Numerics.SpecialFunctions]::Gamma(5)
`$nativeSkia = ''
if (`$$onLinuxX64) {
    # The other SkiaSharp with its own native library, loaded and used before ScalingPS comes in.
    `$handle = [System.Runtime.InteropServices.NativeLibrary]::Load('$OtherSkiaNative/libSkiaSharp.so')
    [System.Runtime.InteropServices.NativeLibrary]::SetDllImportResolver([SkiaSharp.SKColor].Assembly, [System.Runtime.InteropServices.DllImportResolver]{ param(`$name) `$handle })
    `$bitmap = [SkiaSharp.SKBitmap]::new(4, 4)
    `$nativeSkia = "`$(`$bitmap.Width)x`$(`$bitmap.Height)"
}
Import-Module '$ModulePath'
`$curve = 1..30 | ForEach-Object { [pscustomobject]@{ X = [double]`$_; Y = 3.0 * [math]::Pow(`$_, -0.7) } }
`$fit = `$curve | Measure-ScalingLaw -X X -Y Y -Form PowerLaw
`$curve | Export-ScalingPlot -Path '$png' -X X -Y Y -Fit `$fit
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'MathNet.Numerics', 'SkiaSharp' } |
    ForEach-Object { '{0} {1} {2}' -f `$_.GetName().Name, `$_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
[pscustomobject]@{
    Exponent     = `$fit.Exponent
    MathNetSeen  = [MathNet.Numerics.SpecialFunctions].Assembly.GetName().Version.ToString()
    SkiaSeen     = [SkiaSharp.SKColor].Assembly.GetName().Version.ToString()
    GammaBefore  = `$gammaBefore
    GammaAfter   = [MathNet.Numerics.SpecialFunctions]::Gamma(5)
    NativeBefore = `$nativeSkia
    NativeAfter  = if (`$nativeSkia) { `$b = [SkiaSharp.SKBitmap]::new(3, 2); "`$(`$b.Width)x`$(`$b.Height)" } else { '' }
    Loaded       = @(`$loaded | Sort-Object)
} | ConvertTo-Json -Compress
"@
        $out = & dotnet pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" -replace "\x1b\[[0-9;?]*[A-Za-z]", "" }
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $result = ($out | Select-Object -Last 1) | ConvertFrom-Json
        $result.Exponent | Should -BeGreaterThan 0.6999
        $result.Exponent | Should -BeLessThan 0.7001
        [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($png), 1, 3) | Should -Be 'PNG'
        # The session still resolves the names to the versions it loaded, and they still work.
        $result.MathNetSeen | Should -Be '4.15.0.0'
        $result.SkiaSeen | Should -Be '2.88.0.0'
        [math]::Abs($result.GammaBefore - 24) | Should -BeLessThan 1e-10
        $result.GammaAfter | Should -Be $result.GammaBefore
        if ($onLinuxX64) {
            $result.NativeBefore | Should -Be '4x4'
            $result.NativeAfter | Should -Be '3x2'
        }
        # Both versions of each are loaded: the session's in the default context, ScalingPS's in its own.
        $result.Loaded | Should -Contain 'MathNet.Numerics 4.15.0.0 Default'
        $result.Loaded | Should -Contain 'MathNet.Numerics 5.0.0.0 ScalingPS'
        $result.Loaded | Should -Contain 'SkiaSharp 2.88.0.0 Default'
        $result.Loaded | Should -Contain 'SkiaSharp 3.119.0.0 ScalingPS'
    }
}
