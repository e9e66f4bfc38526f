# Dot-sourced by the sweep test files: small plans whose tasks are quick, and a child PowerShell launcher.

# The command line of this same PowerShell (pwsh itself, or dotnet + pwsh.dll when run as `dotnet pwsh`).
function Get-PwshCommand {
    $exe = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        return @($exe, (Join-Path ([IO.Path]::GetDirectoryName([psobject].Assembly.Location)) 'pwsh.dll'))
    }
    @($exe)
}

# SHA-256 of every shard of a folder, by file name.
function Get-ShardHashes([string] $folder) {
    $h = [ordered]@{}
    foreach ($f in Get-ChildItem $folder -File -Filter *.parquet | Sort-Object Name) { $h[$f.Name] = (Get-FileHash $f.FullName -Algorithm SHA256).Hash }
    $h
}

# Waits until a folder holds at least $count shards; returns how many it saw.
function Wait-Shards([string] $folder, [int] $count, [double] $timeoutSeconds = 120) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    while ($clock.Elapsed.TotalSeconds -lt $timeoutSeconds) {
        $n = @(Get-ChildItem $folder -File -Filter *.parquet -ErrorAction Ignore).Count
        if ($n -ge $count) { return $n }
        Start-Sleep -Milliseconds 25
    }
    throw "Only $n shards in $folder after $timeoutSeconds s"
}
