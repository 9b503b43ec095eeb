& { $ErrorActionPreference = 'Continue'; $t = [guid]::NewGuid().ToString('N').Substring(0, 12)
function S($n){"`r`n===== FIXPATH:$n $t ====="}
function X { $c, $a = $args; try { & $c @a 2>&1 | ForEach-Object { "$_" } } catch { "ERROR: $($_.Exception.Message)" } }
function R($k, $v){ foreach ($n in $v) { X reg query $k /v $n /reg:64 } }
function E($e){ if ($e.FullyQualifiedErrorId -like 'PathNotFound*') { 'NOT FOUND' } else { "ERROR: $($e.FullyQualifiedErrorId): $($e.Exception.Message)" } }
S 'meta'; 'bundle=2'; "run=$t"; (Get-Date).ToString('o'); "PS=$($PSVersionTable.PSVersion) LM=$($ExecutionContext.SessionState.LanguageMode) UI=$((Get-UICulture).Name)"
S 'ver'; X cmd /c ver
S 'whoami-user'; X whoami /user /fo csv /nh
S 'whoami-upn'; X whoami /upn
S 'whoami-groups'; X whoami /groups /fo csv /nh
S 'os'; R 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' 'ProductName','EditionID','InstallationType','CurrentBuild','UBR','DisplayVersion'
S 'producttype'; R 'HKLM\SYSTEM\CurrentControlSet\Control\ProductOptions' 'ProductType'
S 'dsregcmd'; X dsregcmd /status
S 'mdm'; foreach ($n in 'ProviderID','EnrollmentState','EnrollmentType','UPN','AADTenantID') { X reg query 'HKLM\SOFTWARE\Microsoft\Enrollments' /s /v $n /reg:64 }
S 'appx'; foreach ($n in 'Microsoft.AAD.BrokerPlugin','Microsoft.Windows.CloudExperienceHost','Microsoft.AccountsControl','MSTeams','Microsoft.CompanyPortal') { $p = $null; try { $p = @(Get-AppxPackage -Name $n -ErrorAction Stop); if ($p.Count -gt 0) { $p | Select-Object 'Name','Version','Status','PackageFamilyName','SignatureKind' | Format-List } else { "$n : NOT FOUND" } } catch { "$n : ERROR: $($_.Exception.Message)" } }
S 'office'; R 'HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration' 'VersionToReport','CDNBaseUrl','UpdateChannel','Platform','SharedComputerLicensing'
S 'onedrive'; try { Get-ItemProperty -LiteralPath 'HKCU:\Software\Microsoft\OneDrive' -ErrorAction Stop | Select-Object 'Version','ClientEverSignedIn','OneAuthUnrecoverableTimestamp','SilentBusinessConfigCompleted' | Format-List } catch { E $_ }
S 'onedrive-accounts'; try { Get-ChildItem -LiteralPath 'HKCU:\Software\Microsoft\OneDrive\Accounts' -ErrorAction Stop | Get-ItemProperty | Select-Object 'PSChildName','UserEmail','ConfiguredTenantId','UserFolder','cid' | Format-List } catch { E $_ }
S 'credman'; X cmdkey /list | Select-String -Pattern 'MicrosoftOffice|OneDrive|msteams|SSO_POP_Device|virtualapp/didlogical' -Context 0,2
S 'bitlocker'; try { (New-Object -ComObject Shell.Application).NameSpace("$env:SystemDrive\").Self.ExtendedProperty('System.Volume.BitLockerProtection') } catch { "ERROR: $($_.Exception.Message)" }
S 'aad-operational'; X wevtutil qe 'Microsoft-Windows-AAD/Operational' /c:30 /rd:true /f:text
S 'udr-admin'; X wevtutil qe 'Microsoft-Windows-User Device Registration/Admin' /c:20 /rd:true /f:text
S 'end' } 2>&1 | ForEach-Object { "$_" } | Tee-Object -Variable fx; $fx | Out-String -Width 400 | Set-Clipboard; 'Copied to clipboard.'
