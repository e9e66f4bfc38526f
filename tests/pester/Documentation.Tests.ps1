# User-facing text (cmdlet help sources, about_ScalingPS, README, docs/, the examples' gallery and script help)
# must point only into the repository: a user who installed the module cannot follow ../shared, spec/… or § refs.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:UserFacing = @(
        Get-ChildItem (Join-Path $root 'module/help') -Filter '*.psd1'
        Get-ChildItem (Join-Path $root 'module/en-US') -File
        Get-Item (Join-Path $root 'README.md'), (Join-Path $root 'examples/README.md')
        Get-ChildItem (Join-Path $root 'docs') -Filter '*.md'
        Get-ChildItem (Join-Path $root 'examples') -Filter '*.ps1'
    ) | ForEach-Object { @{ Path = $_.FullName; Name = $_.FullName.Substring($root.Length + 1) } }
}

BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
}

Describe 'User-facing text points into the repository' {
    It '<Name> has no pointer outside it' -ForEach $UserFacing {
        $text = Get-Content $Path -Raw
        $text | Should -Not -Match '\.\./shared' -Because 'the shared folder is not part of the repository'
        $text | Should -Not -Match '(?<![\w/])spec/(committee|random-features)' -Because 'the spec is not part of the repository; point into docs/'
        $text | Should -Not -Match '§' -Because 'section signs refer to the spec'
        $text | Should -Not -Match 'DESIGN\.md'
    }
    It 'the module folder ships the docs the help points to' {
        foreach ($page in 'committee.md', 'random-features.md', 'validation.md', 'performance.md', 'installation.md') {
            Join-Path $ModulePath "docs/$page" | Should -Exist
        }
    }
}
