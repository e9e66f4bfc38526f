<#
.SYNOPSIS
    Compiles the help sources in module/help/*.psd1 into MAML (en-US/ScalingPS.dll-Help.xml).
.DESCRIPTION
    Runs in a child PowerShell with the freshly built module imported, so that syntax, types,
    pipeline input and positions come from the cmdlets themselves and only the prose comes from
    the sources. A cmdlet or parameter without prose is reported as a warning here and fails the
    help test in tests/pester.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
$module = Import-Module $ModulePath -PassThru -Force
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Escape([string] $text) { [System.Security.SecurityElement]::Escape($text) }
function Paras([string] $text) {
    if (-not $text) { return '<maml:para></maml:para>' }
    (($text -replace "`r", '') -split "`n\s*`n" | ForEach-Object { '<maml:para>' + (Escape ($_.Trim())) + '</maml:para>' }) -join "`n"
}
function TypeName([type] $t) {
    if ($t -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    # Short names read better in syntax lines; engine types keep their namespace out of the way too.
    $t.Name
}
function PipelineText($p) {
    $kinds = @()
    if ($p.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($p.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}
# The default of a parameter is what a fresh instance of the cmdlet holds: read from the cmdlet itself, so the help
# cannot drift from the code. Mandatory parameters have none; unset references show as None.
function DefaultText($instance, $meta, [bool] $mandatory) {
    if ($mandatory) { return 'None' }
    if ($meta.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return 'False' }
    $value = $instance.GetType().GetProperty($meta.Name).GetValue($instance)
    if ($null -eq $value) { return 'None' }
    if ($value -is [array]) { if ($value.Count -eq 0) { return 'None' } return ($value | ForEach-Object { Format-Value $_ }) -join ', ' }
    Format-Value $value
}
function Format-Value($v) {
    if ($v -is [double]) { return $v.ToString('R', [cultureinfo]::InvariantCulture) }
    if ($v -is [string] -and $v -eq '') { return 'None' }
    [string]::Format([cultureinfo]::InvariantCulture, '{0}', $v)
}

function ParameterXml($p, $meta, [string] $description, [bool] $inSyntax, [string] $default = 'None') {
    $required = if ($p.IsMandatory) { 'true' } else { 'false' }
    $position = if ($p.Position -ge 0) { $p.Position + 1 } else { 'named' }
    $type = TypeName $meta.ParameterType
    $isSwitch = $meta.ParameterType -eq [System.Management.Automation.SwitchParameter]
    $valueRequired = if ($isSwitch) { 'false' } else { 'true' }
    $sb = [System.Text.StringBuilder]::new()
    [void]$sb.AppendLine("<command:parameter required=`"$required`" variableLength=`"$($meta.ParameterType.IsArray.ToString().ToLower())`" globbing=`"false`" pipelineInput=`"$(PipelineText $p)`" position=`"$position`">")
    [void]$sb.AppendLine("<maml:name>$($meta.Name)</maml:name>")
    [void]$sb.AppendLine("<maml:description>$(Paras $description)</maml:description>")
    $enumType = if ($meta.ParameterType.IsArray) { $meta.ParameterType.GetElementType() } else { $meta.ParameterType }
    if ($enumType.IsEnum) {
        [void]$sb.AppendLine('<command:parameterValueGroup>')
        foreach ($v in [enum]::GetNames($enumType)) { [void]$sb.AppendLine("<command:parameterValue required=`"false`" variableLength=`"false`">$v</command:parameterValue>") }
        [void]$sb.AppendLine('</command:parameterValueGroup>')
    }
    if (-not $isSwitch) { [void]$sb.AppendLine("<command:parameterValue required=`"$valueRequired`" variableLength=`"false`">$(Escape $type)</command:parameterValue>") }
    [void]$sb.AppendLine("<dev:type><maml:name>$(Escape $type)</maml:name><maml:uri /></dev:type>")
    if (-not $inSyntax) { [void]$sb.AppendLine("<dev:defaultValue>$(Escape $default)</dev:defaultValue>") }
    [void]$sb.AppendLine('</command:parameter>')
    $sb.ToString()
}

$out = [System.Text.StringBuilder]::new()
[void]$out.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
[void]$out.AppendLine('<helpItems schema="maml" xmlns="http://msh">')
foreach ($cmd in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $src = Join-Path $HelpSource "$($cmd.Name).psd1"
    if (-not (Test-Path $src)) { Write-Warning "No help source for $($cmd.Name) ($src)"; continue }
    $help = Import-PowerShellDataFile $src
    $descriptions = if ($help.Parameters) { $help.Parameters } else { @{} }
    $verb, $noun = $cmd.Name -split '-', 2
    $instance = [Activator]::CreateInstance($cmd.ImplementingType)
    [void]$out.AppendLine('<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    [void]$out.AppendLine("<command:details><command:name>$($cmd.Name)</command:name><maml:description>$(Paras $help.Synopsis)</maml:description><command:verb>$verb</command:verb><command:noun>$noun</command:noun></command:details>")
    [void]$out.AppendLine("<maml:description>$(Paras $help.Description)</maml:description>")
    [void]$out.AppendLine('<command:syntax>')
    foreach ($set in $cmd.ParameterSets) {
        [void]$out.AppendLine("<command:syntaxItem><maml:name>$($cmd.Name)</maml:name>")
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            [void]$out.Append((ParameterXml $p $cmd.Parameters[$p.Name] $descriptions[$p.Name] $true))
        }
        [void]$out.AppendLine('</command:syntaxItem>')
    }
    [void]$out.AppendLine('</command:syntax>')
    [void]$out.AppendLine('<command:parameters>')
    foreach ($meta in $cmd.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name) {
        if (-not $descriptions.ContainsKey($meta.Name)) { Write-Warning "$($cmd.Name): no description for -$($meta.Name)" }
        $p = $meta.ParameterSets.Values | Select-Object -First 1
        $shim = [pscustomobject]@{ IsMandatory = [bool]($meta.ParameterSets.Values | Where-Object IsMandatory | Select-Object -First 1); Position = $p.Position; ValueFromPipeline = $p.ValueFromPipeline; ValueFromPipelineByPropertyName = $p.ValueFromPipelineByPropertyName }
        [void]$out.Append((ParameterXml $shim $meta $descriptions[$meta.Name] $false (DefaultText $instance $meta $shim.IsMandatory)))
    }
    [void]$out.AppendLine('</command:parameters>')
    # INPUTS: the help source's text, else the types the cmdlet takes from the pipeline (None when it takes nothing).
    $inputs = if ($help.Inputs) { $help.Inputs } else {
        $piped = @($cmd.Parameters.Values | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } } |
                ForEach-Object { $t = $_.ParameterType; if ($t -eq [psobject]) { 'Any object (its properties are read by name)' } else { $t.FullName } })
        if ($piped) { $piped -join '; ' } else { 'None. This cmdlet does not take pipeline input.' }
    }
    [void]$out.AppendLine("<command:inputTypes><command:inputType><dev:type><maml:name>$(Escape $inputs)</maml:name></dev:type><maml:description><maml:para /></maml:description></command:inputType></command:inputTypes>")
    $outputs = if ($help.Outputs) { $help.Outputs } else { ($cmd.OutputType.Name -join ', ') }
    [void]$out.AppendLine("<command:returnValues><command:returnValue><dev:type><maml:name>$(Escape $outputs)</maml:name></dev:type><maml:description><maml:para /></maml:description></command:returnValue></command:returnValues>")
    if ($help.Notes) { [void]$out.AppendLine("<maml:alertSet><maml:alert>$(Paras $help.Notes)</maml:alert></maml:alertSet>") }
    [void]$out.AppendLine('<command:examples>')
    $i = 0
    foreach ($ex in $help.Examples) {
        $i++
        [void]$out.AppendLine("<command:example><maml:title>-------------------------- Example $i --------------------------</maml:title><dev:code>$(Escape $ex.Code)</dev:code><dev:remarks>$(Paras $ex.Remarks)</dev:remarks></command:example>")
    }
    [void]$out.AppendLine('</command:examples>')
    [void]$out.AppendLine('<command:relatedLinks>')
    foreach ($link in @($help.Links) + 'about_ScalingPS' | Where-Object { $_ }) {
        [void]$out.AppendLine("<maml:navigationLink><maml:linkText>$(Escape $link)</maml:linkText><maml:uri /></maml:navigationLink>")
    }
    [void]$out.AppendLine('</command:relatedLinks>')
    [void]$out.AppendLine('</command:command>')
}
[void]$out.AppendLine('</helpItems>')
$null = New-Item -ItemType Directory -Force (Split-Path $OutFile)
[System.IO.File]::WriteAllText($OutFile, $out.ToString())
